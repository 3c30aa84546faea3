import fc from 'fast-check';

/**
 * Generic mutations for text and bytes. The fuzz arbitraries build mostly well-formed, near-valid
 * messages and then apply a few of these, so that cases get past the first checks and reach the deep
 * ones; a mutation is plain data (what, where, which snippet) so a failing case prints readably.
 */

/** Snippets that break XML parsers and the code behind them: markup in text, bad characters, entities. */
export const HOSTILE_SNIPPETS: readonly string[] = [
  '<!---->',
  '<!-- x -->',
  '<?pi x?>',
  '<?xml version="1.0"?>',
  '<![CDATA[x]]>',
  ']]>',
  '&#0;',
  '&#x0;',
  '&#1;',
  '&#xD800;',
  '&#xDFFF;',
  '&#xFFFE;',
  '&#xFFFF;',
  '&#x110000;',
  '&#99999999999999999999;',
  '&#x9;',
  '&amp;',
  '&lt;',
  '&foo;',
  '&',
  '<',
  '>',
  '"',
  "'",
  '=',
  '/>',
  '</',
  '\u0000',
  '\u0001',
  '\uD800',
  '\uDC00',
  '\uFEFF',
  '\uFFFE',
  '\u2028',
  '\u00e9',
  '\u{1F600}',
  '<!DOCTYPE x>',
  '<!doctype x [<!ENTITY a "b">]>',
  '<!ENTITY x "y">',
  ' xmlns="urn:x"',
  ' xmlns:saml="urn:wrong"',
  ' xmlns:samlp="urn:oasis:names:tc:SAML:2.0:assertion"',
  ' xmlns:ds=""',
  ' constructor="x"',
  ' __proto__="x"',
  ' toString="x"',
  ' ID="_dup"',
  ' Id="_dup"',
  ' xml:lang="nl"',
  ' x:y="z"',
  '<saml:Issuer>https://sp.fuzz.example/optional</saml:Issuer>',
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>',
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>',
  '<x:e xmlns:x="urn:x" ID="_dup"/>',
  '<samlp:Extensions/>',
  '</samlp:AuthnRequest>',
  '<a>',
  '</a>',
];

/** N nested elements, optionally each declaring a namespace (the namespace maps are copied per level). */
export const nesting = (depth: number, withNamespaces: boolean): string => {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += withNamespaces ? `<x:n xmlns:x="urn:x" xmlns:p${i}="urn:p${i}">` : i === 0 ? '<x:n xmlns:x="urn:x">' : '<x:n>';
    close += '</x:n>';
  }
  return open + close;
};

/** Deep nesting of foreign-namespace elements (what Extensions may legally hold). */
export const deepNesting = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 60, max: 200 }), fc.integer({ min: 1000, max: 20000 })),
    withNamespaces: fc.boolean(),
  })
  .map(({ depth, withNamespaces }) => nesting(depth, withNamespaces));

const manyAttributes = fc.integer({ min: 10, max: 9000 }).map((n) => Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join(''));
const manyNamespaces = fc
  .integer({ min: 10, max: 4000 })
  .map((n) => Array.from({ length: n }, (_, i) => ` xmlns:n${i}="urn:n${i}"`).join(''));
const hugeValue = fc.integer({ min: 100, max: 100_000 }).map((n) => 'A'.repeat(n));

export const hostileSnippet: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_SNIPPETS), weight: 16 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 6 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: manyAttributes, weight: 1 },
  { arbitrary: manyNamespaces, weight: 1 },
  { arbitrary: hugeValue, weight: 1 },
);

/** A string-level mutation. Positions are fractions of the length, so they fit any input. */
export type TextMutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'replace'; from: string; to: string };

/** A position as a fraction of the length; unbiased (fast-check would otherwise favour 0 and 1, the text's very ends). */
const position = fc.noBias(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }));

/** Replacements that keep the text well-formed but change its meaning (namespaces, names, values). */
export const SWAPS: ReadonlyArray<readonly [string, string]> = [
  ['urn:oasis:names:tc:SAML:2.0:protocol', 'urn:oasis:names:tc:SAML:2.0:assertion'],
  ['urn:oasis:names:tc:SAML:2.0:assertion', 'urn:oasis:names:tc:SAML:2.0:protocol'],
  ['urn:oasis:names:tc:SAML:2.0:metadata', 'urn:x'],
  ['http://www.w3.org/2000/09/xmldsig#', 'urn:x'],
  ['samlp:', 'saml:'],
  ['saml:', 'samlp:'],
  ['md:', 'ds:'],
  ['="', "='"],
  ['"', "'"],
  [' ', '\t'],
  ['Issuer', 'issuer'],
  ['ID=', 'Id='],
  ['2.0', '2.1'],
  ['https://', 'http://'],
  ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect'],
  ['Z"', '+25:00"'],
  ['T', ' '],
  ['>', '/>'],
  ['/>', '>'],
];

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: hostileSnippet }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }), weight: 1 },
  { arbitrary: fc.constantFrom(...SWAPS).map(([from, to]) => ({ op: 'replace' as const, from, to })), weight: 3 },
);

export function applyTextMutation(s: string, m: TextMutation): string {
  const at = m.op === 'replace' ? 0 : Math.floor(m.at * s.length);
  switch (m.op) {
    case 'insert':
      return s.slice(0, at) + m.text + s.slice(at);
    case 'delete':
      return s.slice(0, at) + s.slice(at + m.length);
    case 'duplicate':
      return s.slice(0, at + m.length) + s.slice(at, at + m.length) + s.slice(at + m.length);
    case 'truncate':
      return s.slice(0, at);
    case 'replace':
      return s.replace(m.from, m.to);
  }
}

/** Mostly none or one mutation: most cases must stay close enough to valid to reach the later checks. */
export const textMutations: fc.Arbitrary<TextMutation[]> = fc.oneof(
  { arbitrary: fc.constant([] as TextMutation[]), weight: 10 },
  { arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.array(textMutation, { minLength: 2, maxLength: 4 }), weight: 1 },
);

export const mutateText = (s: string, ms: readonly TextMutation[]) => ms.reduce(applyTextMutation, s);

/** A byte-level mutation (for files: encodings, truncation, stray bytes). */
export type ByteMutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'insert'; at: number; bytes: readonly number[] }
  | { op: 'truncate'; at: number };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: position,
    bytes: fc.oneof(
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
      fc.constantFrom<readonly number[]>(
        [0xef, 0xbb, 0xbf],
        [0xff, 0xfe],
        [0xfe, 0xff],
        [0x00],
        [0xc3],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
      ),
    ),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
);

export function applyByteMutation(b: Buffer, m: ByteMutation): Buffer {
  const at = Math.floor(m.at * b.length);
  switch (m.op) {
    case 'flip': {
      if (b.length === 0) return b;
      const copy = Buffer.from(b);
      copy[Math.min(at, b.length - 1)] = m.value;
      return copy;
    }
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from([...m.bytes]), b.subarray(at)]);
    case 'truncate':
      return b.subarray(0, at);
  }
}

export const byteMutations = fc.oneof(
  { arbitrary: fc.constant([] as ByteMutation[]), weight: 6 },
  { arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 3 }), weight: 2 },
);

export const mutateBytes = (b: Buffer, ms: readonly ByteMutation[]) => ms.reduce(applyByteMutation, b);
