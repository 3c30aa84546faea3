import fs from 'node:fs';
import type { Command } from 'commander';
import { NotFoundError, ValidationError } from '../domain/errors';
import { findSchoolByBrin } from '../domain/identity/school.service';
import { previewRelease } from '../saml/preview';
import type { Actor, ServiceProvider } from '../domain/model';
import type { Hub } from '../main';
import { ATTRIBUTE_NAMES } from '../saml/attributes';
import { parseSpMetadata, registrationFromMetadata } from '../saml/metadata/sp-metadata';
import { fetchLimited } from '../net/fetch-limited';

const MAX_FETCH_BYTES = 512 * 1024;

/**
 * Reads metadata from a file or an https URL (http only on loopback), with a timeout and a size cap:
 * reading stops at the cap. The operator registers it, so internal hosts are allowed.
 */
export async function readMetadataSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const { body } = await fetchLimited(source, { what: 'metadata', maxBytes: MAX_FETCH_BYTES, allowPrivateAddresses: true });
    return body.toString('utf8');
  }
  try {
    return fs.readFileSync(source, 'utf8');
  } catch (e) {
    throw new ValidationError(`cannot read metadata file ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function describeSp(sp: ServiceProvider) {
  return {
    entityId: sp.entityId,
    participantId: sp.participantId,
    acs: sp.acsEndpoints.map((e) => ({ binding: e.binding, location: e.location, index: e.index, isDefault: e.isDefault })),
    slo: sp.sloEndpoints,
    signingCertificates: sp.signingCertificates.length,
    encryptionCertificates: sp.encryptionCertificates.length,
    authnRequestsSigned: sp.authnRequestsSigned,
    wantAssertionsSigned: sp.wantAssertionsSigned,
    signResponse: sp.signResponse,
    encryptAssertion: sp.encryptAssertion,
    allowUnsolicited: sp.allowUnsolicited,
    nameIdFormat: sp.nameIdFormat,
    requestedAttributes: sp.requestedAttributes.map((a) => a.name),
    attributeAllowList: sp.attributeAllowList,
    metadataValidUntil: sp.metadataValidUntil?.toISOString() ?? null,
  };
}

const KNOWN_ATTRIBUTE_NAMES = new Set(Object.values(ATTRIBUTE_NAMES).flatMap((a) => [a.name, a.friendlyName]));

export interface SpCommandHelpers {
  action: <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;
  withHub: <T>(work: (hub: Hub) => Promise<T>) => Promise<T>;
  print: (cmd: Command, data: unknown, human: string) => void;
  actor: () => Actor;
}

export function registerSpCommands(program: Command, h: SpCommandHelpers): void {
  const sp = program.command('sp').description('SAML service providers of participants');
  sp.command('add')
    .description('register (or update) an SP from its metadata')
    .requiredOption('--participant <name>', 'participant the SP belongs to')
    .requiredOption('--metadata <file|url>', 'SP metadata (file, or https URL)')
    .option('--trust-cert <file>', 'PEM certificate the metadata must be signed with')
    .option('--product <name...>', 'products of the participant this SP serves (IdP-initiated launch)')
    .option('--attributes <names>', 'comma-separated attribute names (urn:oid:… or friendly names) the SP may receive, instead of its RequestedAttributes')
    .option('--encrypt', 'encrypt assertions to the SP’s encryption certificate')
    .option('--no-sign-response', 'sign only the assertion, not the Response around it')
    .option('--allow-unsolicited', 'allow IdP-initiated (unsolicited) responses from the portal')
    .action(
      h.action(async (o: { participant: string; metadata: string; trustCert?: string; product?: string[]; attributes?: string; encrypt?: boolean; signResponse: boolean; allowUnsolicited?: boolean }, cmd: Command) => {
        const xml = await readMetadataSource(o.metadata);
        const trust = o.trustCert ? await readMetadataSource(o.trustCert) : undefined;
        const parsed = parseSpMetadata(xml, { trustCertificate: trust });
        const allow = o.attributes?.split(',').map((a) => a.trim()).filter(Boolean) ?? null;
        const unknown = allow?.filter((a) => !KNOWN_ATTRIBUTE_NAMES.has(a)) ?? [];
        if (unknown.length) throw new ValidationError(`unknown attribute name(s): ${unknown.join(', ')}`);
        const result = await h.withHub((hub) =>
          hub.services.serviceProviders.register(
            o.participant,
            registrationFromMetadata(xml, parsed, { attributeAllowList: allow, signResponse: o.signResponse, encryptAssertion: !!o.encrypt, allowUnsolicited: !!o.allowUnsolicited }),
            h.actor(),
            o.product ?? [],
          ),
        );
        h.print(cmd, { created: result.created, signatureVerified: parsed.signatureVerified, ...describeSp(result.serviceProvider) }, `SP ${result.created ? 'registered' : 'updated'}: ${result.serviceProvider.entityId} (${result.serviceProvider.acsEndpoints.length} ACS endpoint(s)${parsed.signatureVerified ? ', metadata signature verified' : ''})`);
      }),
    );

  sp.command('list')
    .description('list registered SPs')
    .action(
      h.action(async (_o: object, cmd: Command) => {
        const all = await h.withHub((hub) => hub.db.repositories.serviceProviders.list());
        h.print(cmd, all.map(describeSp), all.length ? all.map((s) => `${s.entityId}  ACS: ${s.acsEndpoints.map((e) => e.location).join(', ')}`).join('\n') : 'no SPs registered');
      }),
    );

  sp.command('preview')
    .description('exactly which attributes the SP would receive for a pupil and a teacher of a school')
    .requiredOption('--sp <entityId>', 'entity ID of the SP')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .action(
      h.action(async (o: { sp: string; school: string }, cmd: Command) => {
        const preview = await h.withHub(async (hub) => {
          const repos = hub.db.repositories;
          const sp = await repos.serviceProviders.findByEntityId(o.sp);
          if (!sp) throw new NotFoundError(`unknown SP '${o.sp}'`);
          const school = await findSchoolByBrin(repos, o.school);
          const participant = (await repos.participants.findById(sp.participantId))!;
          const activation = await repos.activations.find(school.id, participant.id);
          return previewRelease(sp, participant, school, activation?.enabled === true);
        });
        const human = [
          `${preview.entityId} (${preview.participant}) at school ${preview.school}: data transfer ${preview.activated ? 'ON' : 'OFF — nothing is released'}`,
          ...preview.roles.map((r) => `  ${r.role.padEnd(8)} ${r.attributes.length ? r.attributes.map((a) => `${a.friendlyName} (${a.name})`).join(', ') : 'nothing'}`),
          `  (${preview.note})`,
        ].join('\n');
        h.print(cmd, preview, human);
      }),
    );

  sp.command('remove')
    .description('remove an SP (audited)')
    .requiredOption('--entity-id <id>', 'entity ID of the SP')
    .action(
      h.action(async (o: { entityId: string }, cmd: Command) => {
        await h.withHub((hub) => hub.services.serviceProviders.remove(o.entityId, h.actor()));
        h.print(cmd, { removed: o.entityId }, `SP removed: ${o.entityId}`);
      }),
    );
}
