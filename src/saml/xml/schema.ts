import { SamlRequestError } from '../../domain/errors';
import { childNodes, elementChildren, is, strictText } from './dom';
import { NS } from './namespaces';

/**
 * Structural validation of the protocol messages the hub accepts, following saml-schema-protocol-2.0:
 * element names, namespaces, order and cardinality, attribute presence and lexical types.
 * Chosen over a full XSD engine: the libxml2 binding leaks ~16 MB per call and the wasm validator costs
 * 100+ ms per message (figures from issue #3); decode + inflate + parse + these checks measure ~0.2 ms
 * per message with no heap growth (`npm run bench:validate`), and cover exactly what the hub accepts.
 */

type AttrType = 'id' | 'dateTime' | 'anyURI' | 'boolean' | 'unsignedShort' | 'string' | 'version';
interface AttrRule {
  type: AttrType;
  required?: boolean;
}
interface ChildRule {
  ns: string;
  name: string;
  max?: number;
  min?: number;
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function checkType(value: string, type: AttrType): boolean {
  switch (type) {
    case 'id':
      return NCNAME.test(value) && value.length <= 256;
    case 'dateTime':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
    case 'anyURI':
      return value.length > 0 && value.length <= 2048 && !/[\s<>"]/.test(value);
    case 'boolean':
      return ['true', 'false', '1', '0'].includes(value);
    case 'unsignedShort':
      return /^\d{1,5}$/.test(value) && Number(value) <= 65535;
    case 'version':
      return value === '2.0';
    case 'string':
      return value.length <= 2048;
  }
}

export function checkAttributes(el: Element, rules: Record<string, AttrRule>, what: string): void {
  const attrs = Array.from(el.attributes as unknown as ArrayLike<Attr>);
  for (const a of attrs) {
    if (a.name === 'xmlns' || a.prefix === 'xmlns') continue;
    if (a.namespaceURI && a.namespaceURI !== '') {
      // Foreign-namespace attributes are allowed by the schema on some types; we never read them.
      continue;
    }
    const name = a.localName ?? a.name;
    // Own properties only: an attribute named "constructor" or "__proto__" is unexpected, not a rule.
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!rule) throw new SamlRequestError(`${what}: unexpected attribute ${a.name}`);
    if (!checkType(a.value, rule.type)) throw new SamlRequestError(`${what}: attribute ${a.name} is not a valid ${rule.type}`);
  }
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.required && !el.hasAttribute(name)) throw new SamlRequestError(`${what}: missing attribute ${name}`);
  }
}

export function checkSequence(el: Element, rules: ChildRule[], what: string): Record<string, Element[]> {
  for (const n of childNodes(el)) {
    if (n.nodeType === 3 && (n as Text).data.trim() !== '') throw new SamlRequestError(`${what}: unexpected text content`);
  }
  const children = elementChildren(el);
  const found: Record<string, Element[]> = {};
  let i = 0;
  for (const rule of rules) {
    const matched: Element[] = [];
    while (i < children.length && is(children[i], rule.ns, rule.name)) matched.push(children[i++]!);
    if (matched.length < (rule.min ?? 0)) throw new SamlRequestError(`${what}: missing ${rule.name}`);
    if (matched.length > (rule.max ?? 1)) throw new SamlRequestError(`${what}: more than ${rule.max ?? 1} ${rule.name}`);
    found[rule.name] = matched;
  }
  if (i < children.length) {
    const c = children[i]!;
    throw new SamlRequestError(`${what}: unexpected or misplaced element ${c.localName} (${c.namespaceURI ?? 'no namespace'})`);
  }
  return found;
}

/** A NameID (or Issuer): its attributes and text only. */
export function checkNameIdLike(el: Element, what: string): void {
  checkAttributes(
    el,
    {
      Format: { type: 'anyURI' },
      NameQualifier: { type: 'string' },
      SPNameQualifier: { type: 'string' },
      SPProvidedID: { type: 'string' },
    },
    what,
  );
  strictText(el, what);
}

const REQUEST_ABSTRACT: Record<string, AttrRule> = {
  ID: { type: 'id', required: true },
  Version: { type: 'version', required: true },
  IssueInstant: { type: 'dateTime', required: true },
  Destination: { type: 'anyURI' },
  Consent: { type: 'anyURI' },
};

const HEAD: ChildRule[] = [
  { ns: NS.assertion, name: 'Issuer' },
  { ns: NS.dsig, name: 'Signature' },
  { ns: NS.protocol, name: 'Extensions' },
];

function checkIssuer(found: Record<string, Element[]>, what: string): void {
  const issuer = found.Issuer?.[0];
  if (issuer) checkNameIdLike(issuer, `${what}/Issuer`);
}

function checkExtensions(found: Record<string, Element[]>, what: string): void {
  const ext = found.Extensions?.[0];
  if (!ext) return;
  const kids = elementChildren(ext);
  if (kids.length === 0) throw new SamlRequestError(`${what}/Extensions must not be empty`);
  for (const k of kids) {
    if (k.namespaceURI === NS.protocol || k.namespaceURI === NS.assertion || !k.namespaceURI) {
      throw new SamlRequestError(`${what}/Extensions may only contain elements of other namespaces`);
    }
  }
}

export function validateAuthnRequest(root: Element): void {
  const what = 'AuthnRequest';
  if (!is(root, NS.protocol, 'AuthnRequest'))
    throw new SamlRequestError(`expected samlp:AuthnRequest, found ${(root as Element).localName}`);
  checkAttributes(
    root,
    {
      ...REQUEST_ABSTRACT,
      ForceAuthn: { type: 'boolean' },
      IsPassive: { type: 'boolean' },
      ProtocolBinding: { type: 'anyURI' },
      AssertionConsumerServiceIndex: { type: 'unsignedShort' },
      AssertionConsumerServiceURL: { type: 'anyURI' },
      AttributeConsumingServiceIndex: { type: 'unsignedShort' },
      ProviderName: { type: 'string' },
    },
    what,
  );
  const found = checkSequence(
    root,
    [
      ...HEAD,
      { ns: NS.assertion, name: 'Subject' },
      { ns: NS.protocol, name: 'NameIDPolicy' },
      { ns: NS.assertion, name: 'Conditions' },
      { ns: NS.protocol, name: 'RequestedAuthnContext' },
      { ns: NS.protocol, name: 'Scoping' },
    ],
    what,
  );
  checkIssuer(found, what);
  checkExtensions(found, what);
  const policy = found.NameIDPolicy?.[0];
  if (policy) {
    checkAttributes(
      policy,
      { Format: { type: 'anyURI' }, SPNameQualifier: { type: 'string' }, AllowCreate: { type: 'boolean' } },
      `${what}/NameIDPolicy`,
    );
    checkSequence(policy, [], `${what}/NameIDPolicy`);
  }
  const rac = found.RequestedAuthnContext?.[0];
  if (rac) {
    checkAttributes(rac, { Comparison: { type: 'string' } }, `${what}/RequestedAuthnContext`);
    const kids = elementChildren(rac);
    if (
      kids.length === 0 ||
      (!kids.every((k) => is(k, NS.assertion, 'AuthnContextClassRef')) && !kids.every((k) => is(k, NS.assertion, 'AuthnContextDeclRef')))
    ) {
      throw new SamlRequestError(`${what}/RequestedAuthnContext must hold AuthnContextClassRef or AuthnContextDeclRef elements`);
    }
  }
  // Schema choice: AssertionConsumerServiceIndex excludes the URL/ProtocolBinding pair (core §3.4.1).
  if (
    root.hasAttribute('AssertionConsumerServiceIndex') &&
    (root.hasAttribute('AssertionConsumerServiceURL') || root.hasAttribute('ProtocolBinding'))
  ) {
    throw new SamlRequestError(
      `${what}: AssertionConsumerServiceIndex cannot be combined with AssertionConsumerServiceURL or ProtocolBinding`,
    );
  }
}

/**
 * `encryptedId`: accept a saml:EncryptedID in place of the NameID (a school IdP's LogoutRequest to the hub
 * as SP; the caller decrypts it). The hub as IdP issues plain NameIDs, so its SPs' requests name one.
 */
export function validateLogoutRequest(root: Element, opts: { encryptedId?: boolean } = {}): void {
  const what = 'LogoutRequest';
  if (!is(root, NS.protocol, 'LogoutRequest'))
    throw new SamlRequestError(`expected samlp:LogoutRequest, found ${(root as Element).localName}`);
  checkAttributes(root, { ...REQUEST_ABSTRACT, NotOnOrAfter: { type: 'dateTime' }, Reason: { type: 'string' } }, what);
  const encrypted = opts.encryptedId === true && elementChildren(root).some((c) => is(c, NS.assertion, 'EncryptedID'));
  const found = checkSequence(
    root,
    [...HEAD, { ns: NS.assertion, name: encrypted ? 'EncryptedID' : 'NameID', min: 1 }, { ns: NS.protocol, name: 'SessionIndex', max: 64 }],
    what,
  );
  checkIssuer(found, what);
  checkExtensions(found, what);
  if (!encrypted) checkNameIdLike(found.NameID![0]!, `${what}/NameID`);
  for (const s of found.SessionIndex ?? []) strictText(s, `${what}/SessionIndex`);
}

export function validateLogoutResponse(root: Element): void {
  const what = 'LogoutResponse';
  if (!is(root, NS.protocol, 'LogoutResponse'))
    throw new SamlRequestError(`expected samlp:LogoutResponse, found ${(root as Element).localName}`);
  checkAttributes(root, { ...REQUEST_ABSTRACT, InResponseTo: { type: 'id' } }, what);
  const found = checkSequence(root, [...HEAD, { ns: NS.protocol, name: 'Status', min: 1 }], what);
  checkIssuer(found, what);
  checkExtensions(found, what);
  const status = found.Status![0]!;
  const parts = checkSequence(
    status,
    [
      { ns: NS.protocol, name: 'StatusCode', min: 1 },
      { ns: NS.protocol, name: 'StatusMessage' },
      { ns: NS.protocol, name: 'StatusDetail' },
    ],
    `${what}/Status`,
  );
  checkAttributes(parts.StatusCode![0]!, { Value: { type: 'anyURI', required: true } }, `${what}/StatusCode`);
}
