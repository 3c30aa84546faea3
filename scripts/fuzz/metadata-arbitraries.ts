import fc from 'fast-check';
import { certificateBody } from '../../src/saml/xml/signature';
import { deepNesting, hostileSnippet, mutateText, type TextMutation, textMutations } from './mutations';
import { type SamlFuzzEnv, weirdValue } from './saml-arbitraries';
import { signEnveloped } from './signing';

/**
 * Near-valid SP metadata: an EntityDescriptor with one SPSSODescriptor whose key descriptors,
 * endpoints, requested attributes and flags vary between valid, odd and hostile; sometimes signed
 * (with or without the matching trust certificate), sometimes an EntitiesDescriptor, then mutated.
 */

export interface MetadataCase {
  readonly xml: string;
  /** The trust certificate given to `sp add --trust-cert`, if any. */
  readonly trustCertificate?: string;
}

export interface MetadataFuzzEnv extends SamlFuzzEnv {
  /** A certificate with a 1024-bit RSA key (refused: too weak). */
  readonly weakCertificatePem: string;
}

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const BINDINGS = [
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact',
];

const weighted = <T>(...entries: Array<[number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** Metadata may be 512 KiB: deep enough for ~45,000 levels. */
const veryDeepNesting = fc
  .integer({ min: 20_000, max: 45_000 })
  .map((n) => `<x:n xmlns:x="urn:x">${'<x:n>'.repeat(n)}${'</x:n>'.repeat(n + 1)}`);

function keyDescriptor(env: MetadataFuzzEnv): fc.Arbitrary<string> {
  const good = certificateBody(env.key.certificatePem);
  const cert = weighted<string>(
    [12, fc.constant(good)],
    [2, fc.constant(good.replace(/(.{64})/g, '$1\n      '))],
    [
      1,
      fc.constantFrom(
        certificateBody(env.stranger.certificatePem),
        certificateBody(env.weakCertificatePem),
        '',
        'AAAA',
        'not base64!',
        good.slice(0, 100),
        `${good}<!---->`,
        `${good.slice(0, 50)}<!---->${good.slice(50)}`,
      ),
    ],
    [1, weirdValue],
  );
  const use = weighted<string>(
    [6, fc.constantFrom(' use="signing"', ' use="encryption"', '')],
    [1, fc.constantFrom(' use="both"', ' use=""', ' use="signing" use="signing"')],
  );
  // Deep nesting inside KeyInfo: the certificate is searched among all descendants.
  const inKeyInfo = weighted<string>([12, fc.constant('')], [1, fc.oneof(deepNesting, veryDeepNesting)]);
  return fc
    .tuple(use, cert, weighted<number>([12, fc.constant(1)], [1, fc.constantFrom(0, 2)]), inKeyInfo)
    .map(
      ([u, c, n, deep]) =>
        `<md:KeyDescriptor${u}><ds:KeyInfo>${deep}<ds:X509Data>${`<ds:X509Certificate>${c}</ds:X509Certificate>`.repeat(n)}</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    );
}

const location = weighted<string>(
  [10, fc.constantFrom('https://sp.fuzz.example/acs', 'http://127.0.0.1:9/fuzz/acs', 'http://localhost/acs', 'http://[::1]:8080/acs')],
  [
    2,
    fc.constantFrom(
      'http://sp.fuzz.example/acs',
      'javascript:alert(1)',
      'https://user:pw@sp.fuzz.example/acs',
      '',
      '/relative',
      'https://',
      'https://sp.fuzz.example/a b',
      'file:///etc/passwd',
    ),
  ],
  [1, weirdValue],
);

const endpoint = (name: string, indexed: boolean) =>
  fc
    .tuple(
      weighted<string>([10, fc.constantFrom(...BINDINGS)], [1, weirdValue]),
      location,
      indexed
        ? weighted<string>([8, fc.nat({ max: 5 }).map(String)], [1, fc.constantFrom('', '-1', 'x', '65536', '123456', '1e3')])
        : fc.constant(''),
      indexed
        ? fc.constantFrom('', ' isDefault="true"', ' isDefault="false"', ' isDefault="x"')
        : fc.constantFrom('', ' ResponseLocation="https://sp.fuzz.example/slo-response"', ' ResponseLocation="http://evil.example/r"'),
    )
    .map(([b, l, i, extra]) => `<md:${name} Binding="${b}" Location="${l}"${indexed && i !== '' ? ` index="${i}"` : ''}${extra}/>`);

const requestedAttribute = weighted<string>(
  [
    8,
    fc
      .constantFrom('urn:oasis:names:tc:SAML:2.0:metadata', 'urn:oid:2.5.4.42', 'urn:oid:2.5.4.4', 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1')
      .map((n) => `<md:RequestedAttribute Name="${n}" FriendlyName="f" isRequired="true"/>`),
  ],
  [
    1,
    fc.constantFrom(
      '<md:RequestedAttribute/>',
      '<md:RequestedAttribute Name=""/>',
      '<md:RequestedAttribute Name="constructor"/>',
      '<md:RequestedAttribute Name="__proto__"/>',
    ),
  ],
  [1, weirdValue.map((n) => `<md:RequestedAttribute Name="${n}"/>`)],
);

function descriptor(env: MetadataFuzzEnv): fc.Arbitrary<string> {
  const flags = fc.tuple(
    weighted<string>(
      [12, fc.constant(PROTOCOL)],
      [1, fc.constantFrom('', 'urn:oasis:names:tc:SAML:1.1:protocol', `urn:x ${PROTOCOL}`, `${PROTOCOL}\u0000`)],
    ),
    fc.constantFrom('', ' AuthnRequestsSigned="true"', ' AuthnRequestsSigned="false"', ' AuthnRequestsSigned="x"'),
    fc.constantFrom('', ' WantAssertionsSigned="true"', ' WantAssertionsSigned="false"'),
  );
  const body = fc.tuple(
    weighted<string>(
      [10, fc.constant('')],
      [1, fc.oneof(deepNesting, veryDeepNesting).map((d) => `<md:Extensions>${d}</md:Extensions>`)],
      [1, hostileSnippet.map((h) => `<md:Extensions><x:e xmlns:x="urn:x">${h}</x:e></md:Extensions>`)],
    ),
    fc.array(keyDescriptor(env), { maxLength: 3 }),
    fc.array(endpoint('SingleLogoutService', false), { maxLength: 2 }),
    fc
      .array(
        fc.constantFrom(
          'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
          'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
          'x',
          'a<!---->b',
        ),
        { maxLength: 2 },
      )
      .map((fs) => fs.map((f) => `<md:NameIDFormat>${f}</md:NameIDFormat>`)),
    weighted<string[]>([8, fc.array(endpoint('AssertionConsumerService', true), { minLength: 1, maxLength: 4 })], [1, fc.constant([])]),
    weighted<string>(
      [3, fc.constant('')],
      [
        3,
        fc
          .array(requestedAttribute, { maxLength: 4 })
          .map(
            (ras) =>
              `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="nl">S</md:ServiceName>${ras.join('')}</md:AttributeConsumingService>`,
          ),
      ],
    ),
  );
  const count = weighted<number>([20, fc.constant(1)], [1, fc.constantFrom(0, 2)]);
  return fc
    .tuple(flags, body, count)
    .map(([[p, a, w], [ext, keys, slo, nif, acs, attcs], n]) =>
      `<md:SPSSODescriptor protocolSupportEnumeration="${p}"${a}${w}>${ext}${keys.join('')}${slo.join('')}${nif.join('')}${acs.join('')}${attcs}</md:SPSSODescriptor>`.repeat(
        n,
      ),
    );
}

const entityId = weighted<string>(
  [12, fc.constantFrom('https://sp.fuzz.example/metadata', 'urn:x:sp')],
  [1, fc.constantFrom('', 'has space', 'A'.repeat(1100), 'https://sp.fuzz.example/\u00e9')],
  [1, weirdValue],
);

function validUntil(env: MetadataFuzzEnv): fc.Arbitrary<string> {
  return weighted<string>(
    [8, fc.constant('')],
    [4, fc.constantFrom(24 * 3600, 365 * 24 * 3600).map((s) => ` validUntil="${new Date(env.now.getTime() + s * 1000).toISOString()}"`)],
    [
      1,
      fc.constantFrom(' validUntil="2001-01-01T00:00:00Z"', ' validUntil="x"', ' validUntil=""', ' validUntil="+275760-09-13T00:00:00Z"'),
    ],
  );
}

export function metadataCases(env: MetadataFuzzEnv): fc.Arbitrary<MetadataCase> {
  const xml = fc
    .tuple(
      fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '\uFEFF'),
      entityId,
      validUntil(env),
      descriptor(env),
      weighted<'entity' | 'entities' | 'other'>(
        [20, fc.constant('entity' as const)],
        [1, fc.constantFrom('entities' as const, 'other' as const)],
      ),
    )
    .map(([prolog, id, until, sp, root]) => {
      const entity = `<md:EntityDescriptor xmlns:md="${MD}" xmlns:ds="${DS}" ID="_fuzzmd" entityID="${id}"${until}>${sp}</md:EntityDescriptor>`;
      if (root === 'entities') return `${prolog}<md:EntitiesDescriptor xmlns:md="${MD}">${entity}</md:EntitiesDescriptor>`;
      if (root === 'other') return `${prolog}${entity.replace(/md:EntityDescriptor/g, 'md:EntityDescriptorX')}`;
      return prolog + entity;
    });
  const signing = weighted<'none' | 'good' | 'stranger'>(
    [8, fc.constant('none' as const)],
    [2, fc.constant('good' as const)],
    [1, fc.constant('stranger' as const)],
  );
  const trust = weighted<'none' | 'good' | 'stranger' | 'garbage' | 'blank' | 'empty-pem'>(
    [6, fc.constant('none' as const)],
    [3, fc.constant('good' as const)],
    [1, fc.constantFrom('stranger' as const, 'garbage' as const, 'blank' as const, 'empty-pem' as const)],
  );
  return fc
    .record({ xml, pre: textMutations, signing, trust, post: weighted<TextMutation[]>([6, fc.constant([])], [1, textMutations]) })
    .map((o): MetadataCase => {
      let text = mutateText(o.xml, o.pre);
      if (o.signing !== 'none') {
        const signed = signEnveloped(text, o.signing === 'good' ? env.key : env.stranger, 'first-child');
        if (signed) text = mutateText(signed, o.post);
      }
      const trustCertificate = {
        none: undefined,
        good: env.key.certificatePem,
        stranger: env.stranger.certificatePem,
        garbage: 'not a certificate',
        blank: '\n',
        'empty-pem': '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n',
      }[o.trust];
      return trustCertificate === undefined ? { xml: text } : { xml: text, trustCertificate };
    });
}
