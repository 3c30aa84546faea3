import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';
import type { UpstreamIdpSettings } from '../../src/domain/federation/upstream';
import { buildUpstreamSpMetadata, type UpstreamSpEndpoints } from '../../src/saml/upstream/sp-metadata';
import { Pysaml2Idp } from './pysaml2';

/** The usual registration in tests: staff only, found by the NameID as their work e-mail, from a file. */
export const STAFF_BY_EMAIL: UpstreamIdpSettings = {
  roles: 'staff',
  identifier: 'nameid',
  matchOn: 'email',
  allowUnsolicited: false,
  wantAssertionsSigned: false,
  metadataUrl: null,
  metadataTrustCertificate: null,
};

/** The hub's SP side in tests: its endpoints and keys. */
export interface TestHubSp {
  readonly endpoints: UpstreamSpEndpoints;
  readonly signing: KeyPair;
  readonly encryption: KeyPair;
}

export async function testHubSp(baseUrl = 'https://hub.test.example'): Promise<TestHubSp> {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    endpoints: { entityId: `${base}/saml/upstream/metadata`, acsUrl: `${base}/saml/upstream/acs` },
    signing: await generateKeyPair('upstream SP signing (test)'),
    encryption: await generateKeyPair('upstream SP encryption (test)'),
  };
}

/** A school IdP played by pysaml2 (a peer this project did not write), trusting the given SPs' metadata. */
export interface SchoolIdp {
  readonly pysaml2: Pysaml2Idp;
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly key: KeyPair;
  readonly metadataXml: string;
  readonly dir: string;
  stop(): void;
}

export async function startSchoolIdp(opts: { entityId: string; ssoUrl: string; spMetadata: readonly string[] }): Promise<SchoolIdp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'school-idp-'));
  const key = await generateKeyPair('school IdP (test)');
  fs.writeFileSync(path.join(dir, 'idp.key'), key.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'idp.crt'), key.certificatePem);
  // pysaml2 takes one "local" list of metadata files.
  const combined = path.join(dir, 'sps.xml');
  fs.writeFileSync(
    combined,
    `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${opts.spMetadata.map((x) => x.replace(/^<\?xml[^>]*>/, '')).join('')}</md:EntitiesDescriptor>`,
  );
  const pysaml2 = new Pysaml2Idp();
  await pysaml2.call('init', {
    entity_id: opts.entityId,
    sso: opts.ssoUrl,
    key_file: path.join(dir, 'idp.key'),
    cert_file: path.join(dir, 'idp.crt'),
    sp_metadata_file: combined,
  });
  const { xml } = await pysaml2.call<{ xml: string }>('metadata');
  return {
    pysaml2,
    entityId: opts.entityId,
    ssoUrl: opts.ssoUrl,
    key,
    metadataXml: xml,
    dir,
    stop: () => {
      pysaml2.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Another SP's metadata (for "a Response meant for another SP"). */
export async function otherSpMetadata(entityId: string, acsUrl: string): Promise<string> {
  const k = await generateKeyPair('other SP (test)');
  return buildUpstreamSpMetadata({ entityId, acsUrl }, { active: k, next: null, previous: null }, k);
}
