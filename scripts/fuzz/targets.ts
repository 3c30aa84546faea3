import type fc from 'fast-check';
import { isAppError } from '../../src/domain/errors';
import { readCsvRosterContents } from '../../src/import/csv/read-csv';
import { mapEdexml, prepareEdexml, readEdexmlContents } from '../../src/import/edexml/read-edexml';
import { validateAuthnRequest } from '../../src/saml/sso';
import { decodeAuthnRequest } from '../../src/saml/steps/parse-authn-request';
import { decodePost, decodeRedirect, type InboundMessage } from '../../src/saml/bindings/inbound';
import { checkLogoutRequest, checkLogoutResponse } from '../../src/saml/slo';
import { parseSpMetadata } from '../../src/saml/metadata/sp-metadata';
import type { FuzzEnvironment } from './environment';
import { type CsvCase, csvCases, edexmlCases } from './import-arbitraries';
import { type MetadataCase, metadataCases, type MetadataFuzzEnv } from './metadata-arbitraries';
import { authnRequestCases, logoutRequestCases, logoutResponseCases, type SamlCase } from './saml-arbitraries';

/**
 * The fuzz targets: each an arbitrary of inputs and the in-process call an HTTP request or CLI run
 * makes with them. The property is the same for all: the call returns, or throws an AppError (which
 * the edges turn into a 4xx page or exit code). Anything else — TypeError, RangeError, an exception
 * from xmldom or xmllint — is a crash, and a case slower than `slowMs` counts as unbounded work.
 */

export interface FuzzTarget<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  run(input: T): Promise<unknown>;
  readonly slowMs: number;
  /** What the run reports about the target (e.g. the sampling of the EDEXML schema check). */
  readonly note?: string;
  /** A JSON-safe form of an input, for the saved failing case, and back (`--replay`). */
  toJson(input: T): unknown;
  fromJson(json: unknown): T;
}

/** ok: returned (`refusal` null) or refused with an AppError (its public message); not ok: crashed. */
export type Outcome = { readonly ok: true; readonly refusal: string | null } | { readonly ok: false; readonly error: unknown };

export async function runCase<T>(target: FuzzTarget<T>, input: T): Promise<Outcome> {
  try {
    await target.run(input);
    return { ok: true, refusal: null };
  } catch (e) {
    return isAppError(e) ? { ok: true, refusal: e.publicMessage } : { ok: false, error: e };
  }
}

/** A message with its variable parts (quoted values, numbers) blanked, to count outcomes by kind. */
export const outcomeKind = (message: string) => message.replace(/'[^']*'|"[^"]*"|\([^)]*\)|\d+/g, '…').slice(0, 100);

export type TargetName = 'authn-redirect' | 'authn-post' | 'logout-request' | 'logout-response' | 'sp-metadata' | 'edexml' | 'csv';
export const TARGET_NAMES: readonly TargetName[] = [
  'authn-redirect',
  'authn-post',
  'logout-request',
  'logout-response',
  'sp-metadata',
  'edexml',
  'csv',
];
/** Targets that need the PGlite environment (SP lookup, replay cache). */
export const NEEDS_DATABASE: ReadonlySet<TargetName> = new Set(['authn-redirect', 'authn-post', 'logout-request', 'logout-response']);

const samlJson = (c: SamlCase) => c;
const fromSamlJson = (j: unknown) => j as SamlCase;
const fromBase64 = (j: unknown) => Buffer.from((j as { base64: string }).base64, 'base64');

/** What the /saml/slo route does with a message: decode for either kind, then check by kind. */
async function sloDispatch(fuzz: FuzzEnvironment, c: SamlCase): Promise<void> {
  const kinds = ['SAMLRequest', 'SAMLResponse'] as const;
  const message: InboundMessage = c.binding === 'redirect' ? await decodeRedirect(c.query, kinds) : decodePost(c.body, kinds);
  if (message.kind === 'SAMLRequest') await checkLogoutRequest(fuzz.ctx, message, fuzz.env.now);
  else await checkLogoutResponse(fuzz.ctx, message, fuzz.env.now);
}

export function samlTargets(fuzz: FuzzEnvironment): Array<FuzzTarget<SamlCase>> {
  const { env, ctx } = fuzz;
  const authn = (binding: 'redirect' | 'post'): FuzzTarget<SamlCase> => ({
    name: `authn-${binding}`,
    arbitrary: authnRequestCases(env, binding),
    run: async (c) => validateAuthnRequest(ctx, await decodeAuthnRequest(c.binding, c.binding === 'redirect' ? c.query : c.body), env.now),
    slowMs: 250,
    toJson: samlJson,
    fromJson: fromSamlJson,
  });
  return [
    authn('redirect'),
    authn('post'),
    {
      name: 'logout-request',
      arbitrary: logoutRequestCases(env),
      run: (c) => sloDispatch(fuzz, c),
      slowMs: 250,
      toJson: samlJson,
      fromJson: fromSamlJson,
    },
    {
      name: 'logout-response',
      arbitrary: logoutResponseCases(env),
      run: (c) => sloDispatch(fuzz, c),
      slowMs: 250,
      toJson: samlJson,
      fromJson: fromSamlJson,
    },
  ];
}

export function metadataTarget(env: MetadataFuzzEnv): FuzzTarget<MetadataCase> {
  return {
    name: 'sp-metadata',
    arbitrary: metadataCases(env),
    run: async (c) => parseSpMetadata(c.xml, { now: env.now, ...(c.trustCertificate ? { trustCertificate: c.trustCertificate } : {}) }),
    slowMs: 1000,
    toJson: (c) => c,
    fromJson: (j) => j as MetadataCase,
  };
}

/**
 * EDEXML: every case goes through the checks before the schema and the SAX mapping; the wasm
 * schema check (a worker and ~100 ms per file) runs on every `fullEvery`-th case (never: Infinity).
 */
export function edexmlTarget(fullEvery: number): FuzzTarget<Buffer> {
  let n = 0;
  return {
    name: 'edexml',
    arbitrary: edexmlCases,
    run: async (bytes) => {
      if (++n % fullEvery === 0) return readEdexmlContents(bytes, 'fuzz.xml');
      return mapEdexml(prepareEdexml(bytes, 'fuzz.xml'));
    },
    slowMs: 5000,
    note: `every case: mapping; every ${fullEvery}th case: the full read with the xmllint-wasm schema check`,
    toJson: (b) => ({ base64: b.toString('base64') }),
    fromJson: fromBase64,
  };
}

export function csvTarget(): FuzzTarget<CsvCase> {
  return {
    name: 'csv',
    arbitrary: csvCases,
    run: async (c) => readCsvRosterContents(c.bytes, 'fuzz.csv', c.brin),
    slowMs: 1000,
    toJson: (c) => ({ base64: c.bytes.toString('base64'), brin: c.brin }),
    fromJson: (j) => ({ bytes: fromBase64(j), brin: (j as { brin: string }).brin }),
  };
}
