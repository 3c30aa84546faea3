import { upstreamSpEndpoints } from '../../src/saml/upstream/sp-metadata';
import { HttpIconFetcher } from '../../src/net/icon-fetcher';
import { generate as generateSelfSigned } from 'selfsigned';
import { FieldCipher, parseKeyring } from '../../src/crypto/field-cipher';
import { generateKeyPair } from '../../src/crypto/secrets';
import type { Actor } from '../../src/domain/model';
import { ServiceProviderService } from '../../src/domain/federation/service-provider.service';
import { ParticipantService } from '../../src/domain/licensing/participant.service';
import { createLogger } from '../../src/logger';
import { type Database, openDatabase } from '../../src/persistence/data-source';
import type { IdpContext } from '../../src/saml/idp-context';
import { parseSpMetadata, registrationFromMetadata } from '../../src/saml/metadata/sp-metadata';
import { certificateBody } from '../../src/saml/xml/signature';
import type { MetadataFuzzEnv } from './metadata-arbitraries';

/**
 * What the SAML fuzz targets run against: a migrated in-memory PGlite database with one participant
 * and two registered SPs (one may send unsigned messages, one must sign), so that structurally valid
 * cases also go through the SP lookup, the signature checks and the replay cache.
 */

export interface FuzzEnvironment {
  readonly env: MetadataFuzzEnv;
  readonly ctx: IdpContext;
  readonly db: Database;
  /**
   * Forgets remembered message IDs: what their expiry does over time, compressed into the run. TRUNCATE,
   * not DELETE: PGlite has no autovacuum, so deleted rows would keep their (in-memory) pages forever.
   */
  clearReplayCache(): Promise<void>;
  close(): Promise<void>;
}

const HUB = 'https://hub.fuzz.example';
const ACS = 'http://127.0.0.1:9/fuzz/acs';
const ACTOR: Actor = { type: 'cli', id: 'fuzz' };

export function spMetadataXml(entityId: string, signingCertificatePem: string, authnRequestsSigned: boolean): string {
  return (
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="${authnRequestsSigned}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(signingCertificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="http://127.0.0.1:9/fuzz/slo"/>' +
    '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="http://127.0.0.1:9/fuzz/slo-post"/>' +
    `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ACS}" index="0" isDefault="true"/>` +
    '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="http://127.0.0.1:9/fuzz/artifact" index="1"/>' +
    '</md:SPSSODescriptor></md:EntityDescriptor>'
  );
}

/** The keys and names the arbitraries need; shared with the HTTP-level test, which registers its own SPs. */
export async function fuzzKeys() {
  const [key, stranger, idp] = await Promise.all([
    generateKeyPair('fuzz SP'),
    generateKeyPair('fuzz stranger'),
    generateKeyPair('fuzz IdP'),
  ]);
  const weak = await generateSelfSigned([{ name: 'commonName', value: 'fuzz weak' }], { keySize: 1024, algorithm: 'sha256' });
  return { key, stranger, idp, weakCertificatePem: weak.cert };
}

/** The arbitraries' environment without a database (enough for the metadata target). */
export function fuzzEnv(keys: Awaited<ReturnType<typeof fuzzKeys>>, now = new Date()): MetadataFuzzEnv {
  return {
    now,
    ssoUrl: `${HUB}/saml/sso`,
    sloUrl: `${HUB}/saml/slo`,
    optionalSp: 'https://sp.fuzz.example/optional',
    signedSp: 'https://sp.fuzz.example/signed',
    acsUrl: ACS,
    key: keys.key,
    stranger: keys.stranger,
    weakCertificatePem: keys.weakCertificatePem,
  };
}

export async function openFuzzEnvironment(now = new Date()): Promise<FuzzEnvironment> {
  const keyring = parseKeyring(`f1:${Buffer.alloc(32, 9).toString('base64')}`);
  const db = await openDatabase({ kind: 'pglite', dataDir: null }, new FieldCipher(keyring));
  await db.migrate();
  const keys = await fuzzKeys();
  const env = fuzzEnv(keys, now);
  await new ParticipantService(db.unitOfWork, new HttpIconFetcher(false)).add({ name: 'Fuzz' }, ACTOR);
  const sps = new ServiceProviderService(db.unitOfWork);
  for (const [entityId, signed] of [
    [env.optionalSp, false],
    [env.signedSp, true],
  ] as const) {
    const xml = spMetadataXml(entityId, keys.key.certificatePem, signed);
    await sps.register('Fuzz', registrationFromMetadata(xml, parseSpMetadata(xml, { now, httpOnLoopback: true })), ACTOR);
  }
  const ctx: IdpContext = {
    idpEntityId: `${HUB}/saml/metadata`,
    ssoUrl: env.ssoUrl,
    sloUrl: env.sloUrl,
    upstreamSp: upstreamSpEndpoints(HUB),
    signingKeys: { active: keys.idp, next: null, previous: null },
    encryptionKey: keys.idp,
    keyring,
    repos: db.repositories,
    recorder: db.recorder,
    logger: createLogger({ logLevel: 'silent' }),
  };
  return {
    env,
    ctx,
    db,
    clearReplayCache: async () => void (await db.dataSource.query('TRUNCATE saml_message_ids')),
    close: () => db.close(),
  };
}
