/** Registers a bench SP for a participant the way `sp add` does: from its metadata, Response signed. Shared by bench:sso and the load scripts. */
import type { Actor } from '../../src/domain/model';
import type { Hub } from '../../src/main';
import { parseSpMetadata, registrationFromMetadata } from '../../src/saml/metadata/sp-metadata';
import { type BenchSp, spMetadata } from './saml-sp';

export async function registerBenchSp(hub: Hub, participantName: string, sp: BenchSp, certificatePem: string, actor: Actor): Promise<void> {
  const xml = spMetadata(sp, certificatePem);
  await hub.services.serviceProviders.register(
    participantName,
    registrationFromMetadata(xml, parseSpMetadata(xml, { httpOnLoopback: true }), { signResponse: true }),
    actor,
  );
}
