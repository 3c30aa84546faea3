import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SAML, type SamlConfig, type ValidateInResponseTo } from '@node-saml/node-saml';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';
import type { Actor, OperatorRole } from '../../src/domain/model';
import type { Hub } from '../../src/main';
import { parseSpMetadata, registrationFromMetadata } from '../../src/saml/metadata/sp-metadata';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { testEnv } from './env';
import { Browser, loginThroughSso } from './hub';
import { skippedSuites } from './postgres';

const run = promisify(execFile);
export const ACTOR: Actor = { type: 'cli', id: 'test' };

export interface SeededSchool {
  brin: string;
  pupil: { username: string; password: string; personId: string };
  teacher: { username: string; password: string; personId: string };
}

/** A school with a group, a pupil and a teacher; a participant with a product licensed to the group and activated. */
export async function seedSchool(
  hub: Hub,
  opts: { brin: string; participant: string; activate?: boolean; licence?: boolean; pupilFirstName?: string },
): Promise<SeededSchool> {
  const s = hub.services;
  const school = await s.schools.add({ brin: opts.brin, name: `School ${opts.brin}` }, ACTOR);
  const group = await hub.db.repositories.groups.insert({
    schoolId: school.id,
    lasKey: 'G6',
    name: 'Groep 6',
    yearGroup: 6,
    kind: 'stamgroep',
  });
  // The test machine is the school network (pupils log in only from it while home access is off).
  await s.schools.setNetworks(opts.brin, ['127.0.0.0/8', '::1/128'], ACTOR);
  const suffix = opts.brin.toLowerCase();
  const pupil = await s.accounts.createPersonWithAccount(
    {
      schoolId: school.id,
      role: 'pupil',
      lasKey: 'L1',
      eckId: `https://ketenid.nl/201703/${suffix}`,
      firstName: opts.pupilFirstName ?? 'Fenna',
      infix: 'ter',
      lastName: 'Horst',
      birthDate: '2015-04-01',
      gender: 'V',
    },
    `fenna.${suffix}`,
    'vis-boom-3',
    ACTOR,
  );
  const teacher = await s.accounts.createPersonWithAccount(
    {
      schoolId: school.id,
      role: 'teacher',
      lasKey: 'T1',
      firstName: 'Gerrit',
      lastName: 'Zwaan',
      staffEmail: `g.zwaan@${suffix}.example.nl`,
    },
    `gerrit.${suffix}`,
    'Appelboom-Kaas-27',
    ACTOR,
  );
  await hub.db.repositories.groups.addMember({ groupId: group.id, personId: pupil.person.id, roleInGroup: 'member' });
  await hub.db.repositories.groups.addMember({ groupId: group.id, personId: teacher.person.id, roleInGroup: 'teacher' });
  if (!(await hub.db.repositories.participants.findByName(opts.participant))) {
    await s.participants.add({ name: opts.participant }, ACTOR);
    await s.participants.addProduct(
      opts.participant,
      { name: `${opts.participant} Rekenen`, launchUrl: 'https://example.invalid/start' },
      ACTOR,
    );
  }
  if (opts.licence !== false)
    await s.licences.grant(
      { brin: opts.brin, productName: `${opts.participant} Rekenen`, participantName: opts.participant, target: { groupKey: 'G6' } },
      ACTOR,
    );
  if (opts.activate !== false) await s.licences.setActivation({ brin: opts.brin, participantName: opts.participant, enabled: true }, ACTOR);
  return {
    brin: opts.brin,
    pupil: { username: `fenna.${suffix}`, password: 'vis-boom-3', personId: pupil.person.id },
    teacher: { username: `gerrit.${suffix}`, password: 'Appelboom-Kaas-27', personId: teacher.person.id },
  };
}

/**
 * A delegate (the school's administrator) with a password and no second factor yet, who has accepted the
 * agreement in force (published here when none is): the management screen opens after the TOTP enrolment.
 */
export async function seedDelegate(
  hub: Hub,
  brin: string,
  login: { username: string; password: string; staffEmail?: string },
): Promise<{ personId: string; schoolId: string }> {
  const school = (await hub.db.repositories.schools.findByBrin(brin))[0]!;
  const { person } = await hub.services.accounts.createPersonWithAccount(
    {
      schoolId: school.id,
      role: 'delegate',
      firstName: 'Dana',
      lastName: 'Beheer',
      staffEmail: login.staffEmail ?? `${login.username}@school.example.nl`,
    },
    login.username,
    login.password,
    ACTOR,
  );
  let status = await hub.services.agreements.status(school.id);
  if (status.kind === 'none_published') {
    await hub.services.agreements.publish(
      { version: '2026.1', body: 'Overeenkomst versie 2026.1 — de volledige tekst.', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
    status = await hub.services.agreements.status(school.id);
  }
  if (status.kind === 'must_accept') await hub.services.agreements.accept(school, status.version.id, person.id, '127.0.0.1');
  return { personId: person.id, schoolId: school.id };
}

/** Operators (username → roles) with one password; their second factor is enrolled at the first login. Returns username → id. */
export async function createOperators(
  hub: Hub,
  operators: ReadonlyArray<readonly [string, readonly OperatorRole[]]>,
  password: string,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [username, roles] of operators) {
    const { operator } = await hub.services.accounts.createOperator(
      { displayName: username, email: `${username}@leerpoort.example`, roles },
      username,
      password,
      ACTOR,
    );
    ids[username] = operator.id;
  }
  return ids;
}

/** Registers an SP from its metadata, as `leerpoort sp add` does. */
export async function registerSp(
  hub: Hub,
  participant: string,
  metadataXml: string,
  opts: { attributes?: string[]; encrypt?: boolean; signResponse?: boolean; allowUnsolicited?: boolean; products?: string[] } = {},
) {
  const settings = {
    attributeAllowList: opts.attributes ?? null,
    signResponse: opts.signResponse ?? true,
    encryptAssertion: !!opts.encrypt,
    allowUnsolicited: !!opts.allowUnsolicited,
  };
  return hub.services.serviceProviders.register(
    participant,
    registrationFromMetadata(metadataXml, parseSpMetadata(metadataXml, { httpOnLoopback: true }), settings),
    ACTOR,
    opts.products ?? [],
  );
}

let spKeys: Promise<{ signing: KeyPair; encryption: KeyPair }> | null = null;
export function testSpKeys() {
  spKeys ??= (async () => ({
    signing: await generateKeyPair('test SP signing'),
    encryption: await generateKeyPair('test SP encryption'),
  }))();
  return spKeys;
}

export type TestSpKeys = Awaited<ReturnType<typeof testSpKeys>>;

/**
 * A service provider on node-saml (an implementation we did not write) for a hub at `hubUrl`: signs its
 * AuthnRequests with SHA-256, asks for a persistent NameID, wants signed assertions and trusts only the
 * hub's signing certificate. The variations the suites need are options; anything else goes in `extra`.
 */
export function nodeSamlSp(opts: {
  /** Where the hub is reached: its SSO (and SLO) endpoints are under it. */
  hubUrl: string;
  /** The hub's SAML signing certificate. */
  idpCert: string;
  entityId: string;
  /** The SP's assertion consumer service. */
  acs: string;
  keys: TestSpKeys;
  /** Check the Response's Issuer too. */
  idpIssuer?: string;
  /** Decrypt encrypted assertions with the test encryption key. */
  decrypt?: boolean;
  /** Single Logout: the SP's own SLO endpoint (the hub's is `${hubUrl}/saml/slo`). */
  sloUrl?: string;
  validateInResponseTo?: ValidateInResponseTo;
  extra?: Partial<SamlConfig>;
}): SAML {
  return new SAML({
    entryPoint: `${opts.hubUrl}/saml/sso`,
    ...(opts.sloUrl ? { logoutUrl: `${opts.hubUrl}/saml/slo` } : {}),
    issuer: opts.entityId,
    callbackUrl: opts.acs,
    ...(opts.sloUrl ? { logoutCallbackUrl: opts.sloUrl } : {}),
    idpCert: opts.idpCert,
    ...(opts.idpIssuer ? { idpIssuer: opts.idpIssuer } : {}),
    audience: opts.entityId,
    privateKey: opts.keys.signing.privateKeyPem,
    publicCert: opts.keys.signing.certificatePem,
    ...(opts.decrypt ? { decryptionPvk: opts.keys.encryption.privateKeyPem } : {}),
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    identifierFormat: NAMEID_FORMAT.persistent,
    wantAssertionsSigned: true,
    ...(opts.validateInResponseTo ? { validateInResponseTo: opts.validateInResponseTo } : {}),
    disableRequestedAuthnContext: true,
    ...opts.extra,
  });
}

/** SP-initiated SSO of a user at a node-saml SP, through the hub's password login: the profile node-saml validated. */
export async function nodeSamlLogin(sp: SAML, user: { username: string; password: string }) {
  const { form } = await loginThroughSso(new Browser(), await sp.getAuthorizeUrlAsync('', undefined, {}), user.username, user.password);
  if (!form) throw new Error('no SAML Response after the login');
  return (await sp.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse! })).profile;
}

export const hasXmlsec1 = () => fs.existsSync('/usr/bin/xmlsec1');

export function requireTool(ctx: Mocha.Context, present: boolean, what: string): void {
  if (present) return;
  if (testEnv.isCI) throw new Error(`CI=true requires ${what}`);
  skippedSuites.add(`${ctx.test?.parent?.title ?? what}: ${what} not installed`);
  ctx.skip();
}

/**
 * Verifies one signature in a document with xmlsec1 (an implementation we did not write), trusting
 * only the given certificate. `signatureXPath` selects which signature.
 */
export async function xmlsec1Verify(
  xml: string,
  certificatePem: string,
  idAttr: string,
  signatureXPath: string,
): Promise<{ ok: boolean; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-xmlsec-'));
  const doc = path.join(dir, 'doc.xml');
  const cert = path.join(dir, 'cert.pem');
  fs.writeFileSync(doc, xml);
  fs.writeFileSync(cert, certificatePem);
  try {
    const { stdout, stderr } = await run('xmlsec1', [
      '--verify',
      '--pubkey-cert-pem',
      cert,
      '--id-attr:ID',
      idAttr,
      '--node-xpath',
      signatureXPath,
      doc,
    ]);
    return { ok: true, output: stdout + stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const ASSERTION_SIGNATURE = "//*[local-name()='Assertion']/*[local-name()='Signature']";
export const RESPONSE_SIGNATURE = "/*[local-name()='Response']/*[local-name()='Signature']";
