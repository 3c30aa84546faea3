import zlib from 'node:zlib';
import fc from 'fast-check';
import type { KeyPair } from '../../src/crypto/secrets';
import { deepNesting, hostileSnippet, mutateText, type TextMutation, textMutations } from './mutations';
import { SIG_ALG, signEnveloped, signOctets, type XmlSignatureVariant } from './signing';

/**
 * Near-valid SAML messages for the inbound bindings: each case is built from the schema's shape
 * (attributes and children, mostly with valid values), then varied — fields dropped, duplicated,
 * reordered or given hostile values, deep nesting in Extensions, text-level mutations — optionally
 * signed (XML signature or query signature, good key or a stranger's, weak algorithms, tampered
 * afterwards), and finally encoded for the binding, correctly or with garbled base64/DEFLATE/query.
 * A small share of cases is plain garbage.
 */

export interface SamlFuzzEnv {
  readonly now: Date;
  readonly ssoUrl: string;
  readonly sloUrl: string;
  /** A registered SP that may send unsigned messages, and one that must sign them. */
  readonly optionalSp: string;
  readonly signedSp: string;
  /** The HTTP-POST ACS both SPs registered. */
  readonly acsUrl: string;
  /** The signing key in both SPs' metadata, and a key no SP registered. */
  readonly key: KeyPair;
  readonly stranger: KeyPair;
}

export type SamlCase =
  | { readonly binding: 'redirect'; readonly query: string }
  | { readonly binding: 'post'; readonly body: Record<string, unknown> };
type Kind = 'SAMLRequest' | 'SAMLResponse';

const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
};
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 40 });

/** Values that are wrong for almost any attribute: empty, markup, control characters, huge. */
export const weirdValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'x',
    '0',
    '-1',
    '65536',
    'true',
    'yes',
    '2.0 ',
    '&amp;',
    '&#0;',
    '&#xD800;',
    '&lt;x&gt;',
    'a"b',
    "a'b",
    '<',
    'javascript:alert(1)',
    'urn:x',
    '\u0000',
    '\uD800',
    '\u{1F600}',
    'A'.repeat(3000),
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  hostileSnippet,
);

const weighted = <T>(...entries: Array<[number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const optional = (weightPresent: number, weightAbsent: number, arb: fc.Arbitrary<string>) =>
  weighted([weightPresent, arb], [weightAbsent, fc.constant('')]);

export const messageId = weighted<string>(
  [12, hex.map((h) => `_${h}`)],
  [1, fc.constantFrom('_replayed-1', '_replayed-2')],
  [1, fc.constantFrom('1abc', 'a b', '', `_${'x'.repeat(300)}`, 'x:y', '-', '_dup')],
);

const instant = (now: Date) =>
  weighted<string>(
    [12, fc.integer({ min: -240, max: 50 }).map((s) => new Date(now.getTime() + s * 1000).toISOString())],
    [2, fc.constantFrom(-3600, -7 * 60, 120, 365 * 24 * 3600).map((s) => new Date(now.getTime() + s * 1000).toISOString())],
    [
      1,
      fc.constantFrom(
        '2024-13-45T00:00:00Z',
        'yesterday',
        '',
        now.toISOString().replace('Z', ''),
        now.toISOString().replace('Z', '+02:00'),
        '+275760-09-13T00:00:00Z',
        '0000-00-00T00:00:00Z',
        '99999-01-01T00:00:00Z',
        `${now.toISOString()} `,
      ),
    ],
  );

/**
 * One attribute: usually its valid value, sometimes absent (weight `absent` out of ~80), hostile, or
 * duplicated. Rarely off per attribute: a message has about ten, and most messages should stay valid.
 */
function attribute(name: string, value: fc.Arbitrary<string>, absent: number): fc.Arbitrary<string> {
  return weighted<string>(
    [80, value.map((v) => ` ${name}="${v}"`)],
    [absent, fc.constant('')],
    [1, weirdValue.map((v) => ` ${name}="${v}"`)],
    [1, value.map((v) => ` ${name}="${v}" ${name}="${v}"`)],
  );
}

const strayAttribute = weighted<string>(
  [14, fc.constant('')],
  [
    1,
    fc
      .tuple(
        fc.constantFrom(
          'Foo',
          'constructor',
          '__proto__',
          'toString',
          'hasOwnProperty',
          'xml:lang',
          'x:y',
          'xmlns:z',
          'Consent',
          'ProviderName',
          'ID',
        ),
        weirdValue,
      )
      .map(([n, v]) => ` ${n}="${v}"`),
  ],
);

type ChildOp =
  | { op: 'none' }
  | { op: 'swap'; a: number; b: number }
  | { op: 'duplicate'; a: number }
  | { op: 'remove'; a: number }
  | { op: 'insert'; a: number; text: string };
const frac = fc.noBias(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }));
const childOp: fc.Arbitrary<ChildOp> = weighted<ChildOp>(
  [12, fc.constant({ op: 'none' as const })],
  [1, fc.record({ op: fc.constant('swap' as const), a: frac, b: frac })],
  [1, fc.record({ op: fc.constant('duplicate' as const), a: frac })],
  [1, fc.record({ op: fc.constant('remove' as const), a: frac })],
  [
    1,
    fc.record({
      op: fc.constant('insert' as const),
      a: frac,
      text: fc.oneof(
        hostileSnippet,
        fc.constantFrom('<x:e xmlns:x="urn:x"/>', '<samlp:Foo/>', '<saml:Issuer>https://other.example</saml:Issuer>', 'text'),
      ),
    }),
  ],
);

function applyChildOp(kids: string[], op: ChildOp): string[] {
  const at = (f: number) => Math.floor(f * kids.length);
  const out = [...kids];
  if (op.op === 'none' || kids.length === 0) return op.op === 'insert' ? [op.text] : out;
  if (op.op === 'swap') [out[at(op.a)], out[at(op.b)]] = [out[at(op.b)]!, out[at(op.a)]!];
  else if (op.op === 'duplicate') out.splice(at(op.a), 0, out[at(op.a)]!);
  else if (op.op === 'remove') out.splice(at(op.a), 1);
  else out.splice(at(op.a), 0, op.text);
  return out;
}

/** Children in schema order (an empty string is an absent child), then perhaps reordered or broken. */
const children = (...kids: Array<fc.Arbitrary<string>>) =>
  fc.tuple(fc.tuple(...kids), childOp).map(([k, op]) => applyChildOp(k.filter(Boolean), op).join(''));

const prolog = weighted<string>(
  [14, fc.constant('')],
  [3, fc.constant('<?xml version="1.0" encoding="UTF-8"?>')],
  [
    1,
    fc.constantFrom(
      '\uFEFF',
      ' ',
      '\n',
      '<!-- c -->',
      '<?xml version="1.0" encoding="UTF-16"?>',
      '<?xml version="1.1"?>',
      '<?pi?>',
      '<x/>',
    ),
  ],
);

const rootName = (name: string) =>
  weighted<{ open: string; close: string }>(
    [30, fc.constant({ open: `samlp:${name}`, close: `samlp:${name}` })],
    [
      1,
      fc
        .constantFrom('AuthnRequest', 'LogoutRequest', 'LogoutResponse', 'Response', 'ArtifactResolve')
        .map((n) => ({ open: `samlp:${n}`, close: `samlp:${n}` })),
    ],
    [1, fc.constant({ open: `saml:${name}`, close: `saml:${name}` })],
    [1, fc.constant({ open: `${name} xmlns="${NS.protocol}"`, close: name })],
  );

const namespaceDeclarations = weighted<string>(
  [30, fc.constant(` xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}"`)],
  [1, fc.constant(` xmlns:samlp="${NS.protocol}"`)],
  [1, fc.constant(` xmlns:samlp="${NS.assertion}" xmlns:saml="${NS.protocol}"`)],
  [
    1,
    fc.constant(
      ` xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" xmlns="urn:default" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`,
    ),
  ],
);

function issuer(env: SamlFuzzEnv): fc.Arbitrary<string> {
  const value = weighted<string>(
    [12, weighted<string>([2, fc.constant(env.optionalSp)], [1, fc.constant(env.signedSp)])],
    [
      2,
      fc.constantFrom(
        'https://unknown.example/sp',
        '',
        ' ',
        `${env.optionalSp} `,
        ` ${env.signedSp}`,
        `${env.optionalSp}<!---->`,
        `${env.optionalSp}<?x?>`,
        `${env.optionalSp}&#0;`,
        'A'.repeat(5000),
      ),
    ],
    [1, weirdValue],
  );
  return weighted<string>(
    [24, value.map((v) => `<saml:Issuer>${v}</saml:Issuer>`)],
    [1, fc.constant('')],
    [1, value.map((v) => `<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${v}</saml:Issuer>`)],
    [1, value.map((v) => `<saml:Issuer><x:y xmlns:x="urn:x"/>${v}</saml:Issuer>`)],
    [1, value.map((v) => `<saml:Issuer><![CDATA[${v}]]></saml:Issuer>`)],
    [1, value.map((v) => `<samlp:Issuer>${v}</samlp:Issuer>`)],
  );
}

const extensions = weighted<string>(
  [16, fc.constant('')],
  [1, fc.constant('<samlp:Extensions/>')],
  [2, fc.constant('<samlp:Extensions><x:e xmlns:x="urn:x">v</x:e></samlp:Extensions>')],
  [3, deepNesting.map((d) => `<samlp:Extensions>${d}</samlp:Extensions>`)],
  [1, fc.constant('<samlp:Extensions><saml:Foo/></samlp:Extensions>')],
  [1, hostileSnippet.map((h) => `<samlp:Extensions><x:e xmlns:x="urn:x">${h}</x:e></samlp:Extensions>`)],
);

const nameIdFormat = weighted<string>(
  [
    8,
    fc.constantFrom(
      'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
      'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    ),
  ],
  [
    2,
    fc.constantFrom('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', 'urn:oasis:names:tc:SAML:2.0:nameid-format:encrypted', 'x'),
  ],
  [1, weirdValue],
);

function authnRequestXml(env: SamlFuzzEnv): fc.Arbitrary<string> {
  const attrs = fc.tuple(
    attribute('ID', messageId, 1),
    attribute('Version', fc.constant('2.0'), 1),
    attribute('IssueInstant', instant(env.now), 1),
    attribute(
      'Destination',
      weighted<string>(
        [12, fc.constant(env.ssoUrl)],
        [1, fc.constantFrom(env.sloUrl, `${env.ssoUrl}/`, 'https://evil.example/saml/sso', '')],
      ),
      2,
    ),
    attribute(
      'AssertionConsumerServiceURL',
      weighted<string>(
        [12, fc.constant(env.acsUrl)],
        [1, fc.constantFrom('https://evil.example/acs', 'javascript:alert(1)', `${env.acsUrl}?x`, 'http://127.0.0.1:9/fuzz/artifact')],
      ),
      10,
    ),
    attribute(
      'ProtocolBinding',
      weighted<string>(
        [12, fc.constant(POST)],
        [
          1,
          fc.constantFrom('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact', 'x'),
        ],
      ),
      10,
    ),
    weighted<string>(
      [10, fc.constant('')],
      [1, fc.constantFrom('0', '1', '2', '99', '65535', '65536', 'x', '-1').map((i) => ` AssertionConsumerServiceIndex="${i}"`)],
    ),
    optional(
      1,
      6,
      fc.constantFrom('true', 'false', '1', '0', 'yes').map((v) => ` ForceAuthn="${v}"`),
    ),
    optional(
      1,
      6,
      fc.constantFrom('true', 'false', '1', '0', 'yes').map((v) => ` IsPassive="${v}"`),
    ),
    optional(
      1,
      10,
      weirdValue.map((v) => ` ProviderName="${v}"`),
    ),
    strayAttribute,
  );
  const policy = weighted<string>(
    [6, fc.constant('')],
    [
      6,
      fc
        .tuple(nameIdFormat, weighted<string>([8, fc.constantFrom('true', 'false')], [1, fc.constant('x')]))
        .map(([f, a]) => `<samlp:NameIDPolicy Format="${f}" AllowCreate="${a}"/>`),
    ],
    [
      1,
      fc.constantFrom(
        '<samlp:NameIDPolicy/>',
        '<samlp:NameIDPolicy Format=""/>',
        '<samlp:NameIDPolicy><x/></samlp:NameIDPolicy>',
        '<samlp:NameIDPolicy Foo="x"/>',
      ),
    ],
  );
  const rac = weighted<string>(
    [10, fc.constant('')],
    [
      1,
      fc.constantFrom(
        '<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>',
        '<samlp:RequestedAuthnContext/>',
        '<samlp:RequestedAuthnContext><saml:AuthnContextClassRef>a</saml:AuthnContextClassRef><saml:AuthnContextDeclRef>b</saml:AuthnContextDeclRef></samlp:RequestedAuthnContext>',
      ),
    ],
  );
  const rare = weighted<string>(
    [20, fc.constant('')],
    [
      1,
      fc.constantFrom('<saml:Subject><saml:NameID>x</saml:NameID></saml:Subject>', '<saml:Conditions/>', '<samlp:Scoping ProxyCount="1"/>'),
    ],
  );
  return fc
    .tuple(prolog, rootName('AuthnRequest'), namespaceDeclarations, attrs, children(issuer(env), extensions, rare, policy, rac))
    .map(([p, root, ns, a, kids]) => `${p}<${root.open}${ns}${a.join('')}>${kids}</${root.close}>`);
}

function logoutRequestXml(env: SamlFuzzEnv): fc.Arbitrary<string> {
  const attrs = fc.tuple(
    attribute('ID', messageId, 1),
    attribute('Version', fc.constant('2.0'), 1),
    attribute('IssueInstant', instant(env.now), 1),
    attribute(
      'Destination',
      weighted<string>([12, fc.constant(env.sloUrl)], [1, fc.constantFrom(env.ssoUrl, 'https://evil.example/saml/slo', '')]),
      2,
    ),
    optional(
      1,
      3,
      instant(env.now).map((v) => ` NotOnOrAfter="${v}"`),
    ),
    optional(
      1,
      6,
      fc.constantFrom('urn:oasis:names:tc:SAML:2.0:logout:user', 'x', '').map((v) => ` Reason="${v}"`),
    ),
    strayAttribute,
  );
  const nameIdText = weighted<string>(
    [10, hex],
    [1, weirdValue],
    [1, fc.constantFrom('a<!---->b', 'a<?x?>b', '<x:y xmlns:x="urn:x"/>', '')],
  );
  const nameId = weighted<string>(
    [
      20,
      fc
        .tuple(nameIdFormat, nameIdText)
        .map(([f, t]) => `<saml:NameID Format="${f}" NameQualifier="${env.ssoUrl}" SPNameQualifier="${env.optionalSp}">${t}</saml:NameID>`),
    ],
    [2, nameIdText.map((t) => `<saml:NameID>${t}</saml:NameID>`)],
    [
      1,
      fc.constantFrom(
        '',
        '<saml:BaseID/>',
        '<saml:EncryptedID/>',
        '<saml:NameID Foo="x">a</saml:NameID>',
        '<saml:NameID>a</saml:NameID><saml:NameID>b</saml:NameID>',
      ),
    ],
  );
  const sessionIndexes = weighted<string>(
    [10, fc.array(hex, { maxLength: 3 }).map((xs) => xs.map((x) => `<samlp:SessionIndex>${x}</samlp:SessionIndex>`).join(''))],
    [1, fc.integer({ min: 60, max: 70 }).map((n) => '<samlp:SessionIndex>s</samlp:SessionIndex>'.repeat(n))],
    [
      1,
      fc.constantFrom(
        '<samlp:SessionIndex>a<!---->b</samlp:SessionIndex>',
        '<samlp:SessionIndex><x/></samlp:SessionIndex>',
        '<saml:SessionIndex>s</saml:SessionIndex>',
      ),
    ],
  );
  return fc
    .tuple(prolog, rootName('LogoutRequest'), namespaceDeclarations, attrs, children(issuer(env), extensions, nameId, sessionIndexes))
    .map(([p, root, ns, a, kids]) => `${p}<${root.open}${ns}${a.join('')}>${kids}</${root.close}>`);
}

function logoutResponseXml(env: SamlFuzzEnv): fc.Arbitrary<string> {
  const attrs = fc.tuple(
    attribute('ID', messageId, 1),
    attribute('Version', fc.constant('2.0'), 1),
    attribute('IssueInstant', instant(env.now), 1),
    attribute(
      'Destination',
      weighted<string>([12, fc.constant(env.sloUrl)], [1, fc.constantFrom(env.ssoUrl, 'https://evil.example/saml/slo', '')]),
      2,
    ),
    attribute('InResponseTo', messageId, 8),
    strayAttribute,
  );
  const code = weighted<string>(
    [
      10,
      fc.constantFrom(
        'urn:oasis:names:tc:SAML:2.0:status:Success',
        'urn:oasis:names:tc:SAML:2.0:status:Requester',
        'urn:oasis:names:tc:SAML:2.0:status:Responder',
      ),
    ],
    [1, weirdValue],
  );
  const status = weighted<string>(
    [
      20,
      fc
        .tuple(
          code,
          optional(
            1,
            4,
            code.map((c) => `<samlp:StatusCode Value="${c}"/>`),
          ),
          optional(
            1,
            6,
            weirdValue.map((m) => `<samlp:StatusMessage>${m}</samlp:StatusMessage>`),
          ),
        )
        .map(([c, sub, msg]) => `<samlp:Status><samlp:StatusCode Value="${c}">${sub}</samlp:StatusCode>${msg}</samlp:Status>`),
    ],
    [
      1,
      fc.constantFrom(
        '',
        '<samlp:Status/>',
        '<samlp:Status><samlp:StatusCode/></samlp:Status>',
        '<samlp:Status><samlp:StatusMessage>m</samlp:StatusMessage></samlp:Status>',
        '<samlp:Status><samlp:StatusCode Value="x"/><samlp:StatusCode Value="y"/></samlp:Status>',
        '<samlp:Status>text<samlp:StatusCode Value="x"/></samlp:Status>',
      ),
    ],
  );
  return fc
    .tuple(prolog, rootName('LogoutResponse'), namespaceDeclarations, attrs, children(issuer(env), extensions, status))
    .map(([p, root, ns, a, kids]) => `${p}<${root.open}${ns}${a.join('')}>${kids}</${root.close}>`);
}

// ---------------------------------------------------------------------------------------------------
// Bindings

type RedirectSigning = 'none' | 'good' | 'stranger' | 'sha1' | 'label-mismatch' | 'alg-garbage' | 'sig-garbage' | 'alg-only';
type RedirectEncoding =
  | 'deflate'
  | 'plain-b64'
  | 'truncated'
  | 'trailing'
  | 'b64-unescaped'
  | 'b64-broken'
  | 'bomb'
  | 'zlib-header'
  | 'latin1'
  | 'empty';
type QueryShape =
  | 'normal'
  | 'duplicate'
  | 'wrong-kind'
  | 'both-kinds'
  | 'missing'
  | 'bad-escape'
  | 'oversize'
  | 'empty-pairs'
  | 'nul-key'
  | 'tamper-relay'
  | 'plus-space';

const relayState = weighted<string | undefined>(
  [10, fc.constant(undefined)],
  [3, fc.constantFrom('state-123', 'a b', '/portal?x=1')],
  [1, fc.constantFrom('ÿ😀', 'x'.repeat(81), '<script>', '\u0000', 'a\nb', '"', '')],
  [1, fc.string({ unit: 'binary', maxLength: 30 })],
);

const redirectEncoding = weighted<RedirectEncoding>(
  [24, fc.constant('deflate' as const)],
  [
    1,
    fc.constantFrom<RedirectEncoding>(
      'plain-b64',
      'truncated',
      'trailing',
      'b64-unescaped',
      'b64-broken',
      'bomb',
      'zlib-header',
      'latin1',
      'empty',
    ),
  ],
);
// Signing costs an RSA operation per case (most of the generation time): about one case in five is signed.
const redirectSigning = weighted<RedirectSigning>(
  [12, fc.constant('none' as const)],
  [3, fc.constant('good' as const)],
  [1, fc.constantFrom<RedirectSigning>('stranger', 'sha1', 'label-mismatch', 'alg-garbage', 'sig-garbage', 'alg-only')],
);
const queryShape = weighted<QueryShape>(
  [30, fc.constant('normal' as const)],
  [
    1,
    fc.constantFrom<QueryShape>(
      'duplicate',
      'wrong-kind',
      'both-kinds',
      'missing',
      'bad-escape',
      'oversize',
      'empty-pairs',
      'nul-key',
      'tamper-relay',
      'plus-space',
    ),
  ],
);

function encodeRedirectValue(xml: string, encoding: RedirectEncoding): string {
  const deflate = (b: Buffer) => zlib.deflateRawSync(b).toString('base64');
  switch (encoding) {
    case 'deflate':
      return encodeURIComponent(deflate(Buffer.from(xml)));
    case 'plain-b64':
      return encodeURIComponent(Buffer.from(xml).toString('base64'));
    case 'truncated': {
      const d = zlib.deflateRawSync(Buffer.from(xml));
      return encodeURIComponent(d.subarray(0, Math.max(1, d.length - 5)).toString('base64'));
    }
    case 'trailing':
      return encodeURIComponent(Buffer.concat([zlib.deflateRawSync(Buffer.from(xml)), Buffer.from([1, 2, 3, 255])]).toString('base64'));
    case 'b64-unescaped':
      return deflate(Buffer.from(xml));
    case 'b64-broken':
      return encodeURIComponent(`${deflate(Buffer.from(xml)).slice(1)}!`);
    case 'bomb':
      return encodeURIComponent(deflate(Buffer.from(xml.replace(/<\/[^>]+>$/, (end) => `<!--${'A'.repeat(200_000)}-->${end}`))));
    case 'zlib-header':
      return encodeURIComponent(zlib.deflateSync(Buffer.from(xml)).toString('base64'));
    case 'latin1':
      return encodeURIComponent(deflate(Buffer.from(`${xml}<!--\u00e9-->`, 'latin1')));
    case 'empty':
      return '';
  }
}

function redirectQuery(
  env: SamlFuzzEnv,
  kind: Kind,
  xml: string,
  o: { encoding: RedirectEncoding; signing: RedirectSigning; relay: string | undefined; shape: QueryShape },
): string {
  const other: Kind = kind === 'SAMLRequest' ? 'SAMLResponse' : 'SAMLRequest';
  const value = encodeRedirectValue(xml, o.encoding);
  const relay = o.relay === undefined ? [] : [`RelayState=${encodeURIComponent(o.relay)}`];
  let parts = [`${o.shape === 'wrong-kind' ? other : kind}=${value}`, ...relay];
  if (o.signing !== 'none') {
    const sigAlg =
      o.signing === 'sha1'
        ? SIG_ALG.rsaSha1
        : o.signing === 'label-mismatch'
          ? SIG_ALG.rsaSha512
          : o.signing === 'alg-garbage'
            ? 'urn:x'
            : SIG_ALG.rsaSha256;
    parts.push(`SigAlg=${encodeURIComponent(sigAlg)}`);
    if (o.signing !== 'alg-only') {
      const octets = parts.join('&');
      const key = o.signing === 'stranger' ? env.stranger : env.key;
      const signature =
        o.signing === 'sig-garbage' ? 'AAAA' : signOctets(octets, o.signing === 'label-mismatch' ? SIG_ALG.rsaSha256 : sigAlg, key);
      parts.push(`Signature=${encodeURIComponent(signature)}`);
    }
  }
  switch (o.shape) {
    case 'duplicate':
      parts.push(parts[0]!);
      break;
    case 'both-kinds':
      parts.push(`${other}=${value}`);
      break;
    case 'missing':
      parts = parts.slice(1);
      break;
    case 'bad-escape':
      parts.push('x=%ZZ');
      break;
    case 'oversize':
      parts.push(`pad=${'A'.repeat(9000)}`);
      break;
    case 'empty-pairs':
      parts.push('', '=', '&');
      break;
    case 'nul-key':
      parts.push('%00=1', '%00=2');
      break;
    case 'tamper-relay':
      parts = parts.filter((p) => !p.startsWith('RelayState=')).concat('RelayState=changed');
      break;
    case 'plus-space':
      parts = parts.map((p) => (p.startsWith('RelayState=') ? p.replace(/%20/g, '+') : p));
      break;
    default:
      break;
  }
  return parts.join('&');
}

type PostShape =
  | 'normal'
  | 'wrapped'
  | 'array'
  | 'non-string'
  | 'missing'
  | 'both'
  | 'broken-b64'
  | 'huge'
  | 'latin1'
  | 'relay-array'
  | 'deflated'
  | 'wrong-kind';
const postShape = weighted<PostShape>(
  [30, fc.constant('normal' as const)],
  [3, fc.constant('wrapped' as const)],
  [
    1,
    fc.constantFrom<PostShape>(
      'array',
      'non-string',
      'missing',
      'both',
      'broken-b64',
      'huge',
      'latin1',
      'relay-array',
      'deflated',
      'wrong-kind',
    ),
  ],
);
const postSigning = weighted<XmlSignatureVariant | 'none' | 'stranger'>(
  [12, fc.constant('none' as const)],
  [3, fc.constant('sha256' as const)],
  [1, fc.constantFrom<XmlSignatureVariant | 'stranger'>('sha1', 'no-transforms', 'first-child', 'stranger')],
);

function postBody(kind: Kind, xml: string, shape: PostShape, relay: string | undefined): Record<string, unknown> {
  const other: Kind = kind === 'SAMLRequest' ? 'SAMLResponse' : 'SAMLRequest';
  const b64 = Buffer.from(xml).toString('base64');
  const withRelay = (body: Record<string, unknown>) => (relay === undefined ? body : { ...body, RelayState: relay });
  switch (shape) {
    case 'normal':
      return withRelay({ [kind]: b64 });
    case 'wrapped':
      return withRelay({ [kind]: b64.replace(/(.{76})/g, '$1\r\n') });
    case 'array':
      return withRelay({ [kind]: [b64, b64] });
    case 'non-string':
      return withRelay({ [kind]: { a: b64 } });
    case 'missing':
      return withRelay({});
    case 'both':
      return withRelay({ [kind]: b64, [other]: b64 });
    case 'broken-b64':
      return withRelay({ [kind]: `${b64.slice(2)}!=` });
    case 'huge':
      return withRelay({ [kind]: 'A'.repeat(100_000) });
    case 'latin1':
      return withRelay({ [kind]: Buffer.from(`${xml}<!--\u00e9-->`, 'latin1').toString('base64') });
    case 'relay-array':
      return { [kind]: b64, RelayState: ['a', 'b'] };
    case 'deflated':
      return withRelay({ [kind]: zlib.deflateRawSync(Buffer.from(xml)).toString('base64') });
    case 'wrong-kind':
      return withRelay({ [other]: b64 });
  }
}

/** Pure garbage for the binding: random query strings and form bodies. */
const garbageRedirect = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 400 }).map((s) => `SAMLRequest=${encodeURIComponent(Buffer.from(s).toString('base64'))}`),
  fc
    .string({ unit: 'binary', maxLength: 400 })
    .map((s) => `SAMLRequest=${encodeURIComponent(zlib.deflateRawSync(Buffer.from(s)).toString('base64'))}`),
  fc
    .string({ unit: 'binary', maxLength: 400 })
    .map((s) => `SAMLResponse=${encodeURIComponent(zlib.deflateRawSync(Buffer.from(s)).toString('base64'))}`),
);
const garbagePost = fc.oneof(
  fc.dictionary(
    fc.constantFrom('SAMLRequest', 'SAMLResponse', 'RelayState', 'x'),
    fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.string(), { maxLength: 3 })),
  ),
  fc.string({ unit: 'binary', maxLength: 400 }).map((s) => ({ SAMLRequest: Buffer.from(s).toString('base64') })),
  fc.string({ unit: 'binary', maxLength: 400 }).map((s) => ({ SAMLResponse: Buffer.from(s).toString('base64') })),
);

function messageCases(
  env: SamlFuzzEnv,
  kind: Kind,
  xmlArb: fc.Arbitrary<string>,
  bindings: ReadonlyArray<'redirect' | 'post'>,
): fc.Arbitrary<SamlCase> {
  const mutated = fc.tuple(xmlArb, textMutations).map(([xml, ms]) => mutateText(xml, ms));
  const redirect = fc
    .record({ xml: mutated, encoding: redirectEncoding, signing: redirectSigning, relay: relayState, shape: queryShape })
    .map((o): SamlCase => ({ binding: 'redirect', query: redirectQuery(env, kind, o.xml, o) }));
  const afterSigning = weighted<TextMutation[]>([6, fc.constant([])], [1, textMutations]);
  const post = fc
    .record({ xml: mutated, signing: postSigning, tamper: afterSigning, shape: postShape, relay: relayState })
    .map((o): SamlCase => {
      let xml = o.xml;
      if (o.signing !== 'none') {
        const signed = signEnveloped(
          xml,
          o.signing === 'stranger' ? env.stranger : env.key,
          o.signing === 'stranger' ? 'sha256' : o.signing,
        );
        if (signed) xml = mutateText(signed, o.tamper);
      }
      return { binding: 'post', body: postBody(kind, xml, o.shape, o.relay) };
    });
  const garbage = fc.oneof(
    ...bindings.map((b) =>
      b === 'redirect'
        ? garbageRedirect.map((query): SamlCase => ({ binding: 'redirect', query }))
        : garbagePost.map((body): SamlCase => ({ binding: 'post', body })),
    ),
  );
  const wellFormed = fc.oneof(...bindings.map((b) => (b === 'redirect' ? redirect : post)));
  return weighted<SamlCase>([19, wellFormed], [1, garbage]);
}

export const authnRequestCases = (env: SamlFuzzEnv, binding: 'redirect' | 'post') =>
  messageCases(env, 'SAMLRequest', authnRequestXml(env), [binding]);
export const logoutRequestCases = (env: SamlFuzzEnv) => messageCases(env, 'SAMLRequest', logoutRequestXml(env), ['redirect', 'post']);
export const logoutResponseCases = (env: SamlFuzzEnv) => messageCases(env, 'SAMLResponse', logoutResponseXml(env), ['redirect', 'post']);
