"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.logoutResponseCases = exports.logoutRequestCases = exports.authnRequestCases = exports.messageId = exports.weirdValue = void 0;
const node_zlib_1 = __importDefault(require("node:zlib"));
const fast_check_1 = __importDefault(require("fast-check"));
const mutations_1 = require("./mutations");
const signing_1 = require("./signing");
const NS = {
    protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
    assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
};
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const hex = fast_check_1.default.string({ unit: fast_check_1.default.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 40 });
/** Values that are wrong for almost any attribute: empty, markup, control characters, huge. */
exports.weirdValue = fast_check_1.default.oneof(fast_check_1.default.constantFrom('', ' ', 'x', '0', '-1', '65536', 'true', 'yes', '2.0 ', '&amp;', '&#0;', '&#xD800;', '&lt;x&gt;', 'a"b', "a'b", '<', 'javascript:alert(1)', 'urn:x', '\u0000', '\uD800', '\u{1F600}', 'A'.repeat(3000)), fast_check_1.default.string({ unit: 'binary', maxLength: 20 }), mutations_1.hostileSnippet);
const weighted = (...entries) => fast_check_1.default.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const optional = (weightPresent, weightAbsent, arb) => weighted([weightPresent, arb], [weightAbsent, fast_check_1.default.constant('')]);
exports.messageId = weighted([12, hex.map((h) => `_${h}`)], [1, fast_check_1.default.constantFrom('_replayed-1', '_replayed-2')], [1, fast_check_1.default.constantFrom('1abc', 'a b', '', `_${'x'.repeat(300)}`, 'x:y', '-', '_dup')]);
const instant = (now) => weighted([12, fast_check_1.default.integer({ min: -240, max: 50 }).map((s) => new Date(now.getTime() + s * 1000).toISOString())], [2, fast_check_1.default.constantFrom(-3600, -7 * 60, 120, 365 * 24 * 3600).map((s) => new Date(now.getTime() + s * 1000).toISOString())], [
    1,
    fast_check_1.default.constantFrom('2024-13-45T00:00:00Z', 'yesterday', '', now.toISOString().replace('Z', ''), now.toISOString().replace('Z', '+02:00'), '+275760-09-13T00:00:00Z', '0000-00-00T00:00:00Z', '99999-01-01T00:00:00Z', `${now.toISOString()} `),
]);
/**
 * One attribute: usually its valid value, sometimes absent (weight `absent` out of ~80), hostile, or
 * duplicated. Rarely off per attribute: a message has about ten, and most messages should stay valid.
 */
function attribute(name, value, absent) {
    return weighted([80, value.map((v) => ` ${name}="${v}"`)], [absent, fast_check_1.default.constant('')], [1, exports.weirdValue.map((v) => ` ${name}="${v}"`)], [1, value.map((v) => ` ${name}="${v}" ${name}="${v}"`)]);
}
const strayAttribute = weighted([14, fast_check_1.default.constant('')], [
    1,
    fast_check_1.default
        .tuple(fast_check_1.default.constantFrom('Foo', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'xml:lang', 'x:y', 'xmlns:z', 'Consent', 'ProviderName', 'ID'), exports.weirdValue)
        .map(([n, v]) => ` ${n}="${v}"`),
]);
const frac = fast_check_1.default.noBias(fast_check_1.default.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }));
const childOp = weighted([12, fast_check_1.default.constant({ op: 'none' })], [1, fast_check_1.default.record({ op: fast_check_1.default.constant('swap'), a: frac, b: frac })], [1, fast_check_1.default.record({ op: fast_check_1.default.constant('duplicate'), a: frac })], [1, fast_check_1.default.record({ op: fast_check_1.default.constant('remove'), a: frac })], [
    1,
    fast_check_1.default.record({
        op: fast_check_1.default.constant('insert'),
        a: frac,
        text: fast_check_1.default.oneof(mutations_1.hostileSnippet, fast_check_1.default.constantFrom('<x:e xmlns:x="urn:x"/>', '<samlp:Foo/>', '<saml:Issuer>https://other.example</saml:Issuer>', 'text')),
    }),
]);
function applyChildOp(kids, op) {
    const at = (f) => Math.floor(f * kids.length);
    const out = [...kids];
    if (op.op === 'none' || kids.length === 0)
        return op.op === 'insert' ? [op.text] : out;
    if (op.op === 'swap')
        [out[at(op.a)], out[at(op.b)]] = [out[at(op.b)], out[at(op.a)]];
    else if (op.op === 'duplicate')
        out.splice(at(op.a), 0, out[at(op.a)]);
    else if (op.op === 'remove')
        out.splice(at(op.a), 1);
    else
        out.splice(at(op.a), 0, op.text);
    return out;
}
/** Children in schema order (an empty string is an absent child), then perhaps reordered or broken. */
const children = (...kids) => fast_check_1.default.tuple(fast_check_1.default.tuple(...kids), childOp).map(([k, op]) => applyChildOp(k.filter(Boolean), op).join(''));
const prolog = weighted([14, fast_check_1.default.constant('')], [3, fast_check_1.default.constant('<?xml version="1.0" encoding="UTF-8"?>')], [
    1,
    fast_check_1.default.constantFrom('\uFEFF', ' ', '\n', '<!-- c -->', '<?xml version="1.0" encoding="UTF-16"?>', '<?xml version="1.1"?>', '<?pi?>', '<x/>'),
]);
const rootName = (name) => weighted([30, fast_check_1.default.constant({ open: `samlp:${name}`, close: `samlp:${name}` })], [
    1,
    fast_check_1.default
        .constantFrom('AuthnRequest', 'LogoutRequest', 'LogoutResponse', 'Response', 'ArtifactResolve')
        .map((n) => ({ open: `samlp:${n}`, close: `samlp:${n}` })),
], [1, fast_check_1.default.constant({ open: `saml:${name}`, close: `saml:${name}` })], [1, fast_check_1.default.constant({ open: `${name} xmlns="${NS.protocol}"`, close: name })]);
const namespaceDeclarations = weighted([30, fast_check_1.default.constant(` xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}"`)], [1, fast_check_1.default.constant(` xmlns:samlp="${NS.protocol}"`)], [1, fast_check_1.default.constant(` xmlns:samlp="${NS.assertion}" xmlns:saml="${NS.protocol}"`)], [
    1,
    fast_check_1.default.constant(` xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" xmlns="urn:default" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`),
]);
function issuer(env) {
    const value = weighted([12, weighted([2, fast_check_1.default.constant(env.optionalSp)], [1, fast_check_1.default.constant(env.signedSp)])], [
        2,
        fast_check_1.default.constantFrom('https://unknown.example/sp', '', ' ', `${env.optionalSp} `, ` ${env.signedSp}`, `${env.optionalSp}<!---->`, `${env.optionalSp}<?x?>`, `${env.optionalSp}&#0;`, 'A'.repeat(5000)),
    ], [1, exports.weirdValue]);
    return weighted([24, value.map((v) => `<saml:Issuer>${v}</saml:Issuer>`)], [1, fast_check_1.default.constant('')], [1, value.map((v) => `<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${v}</saml:Issuer>`)], [1, value.map((v) => `<saml:Issuer><x:y xmlns:x="urn:x"/>${v}</saml:Issuer>`)], [1, value.map((v) => `<saml:Issuer><![CDATA[${v}]]></saml:Issuer>`)], [1, value.map((v) => `<samlp:Issuer>${v}</samlp:Issuer>`)]);
}
const extensions = weighted([16, fast_check_1.default.constant('')], [1, fast_check_1.default.constant('<samlp:Extensions/>')], [2, fast_check_1.default.constant('<samlp:Extensions><x:e xmlns:x="urn:x">v</x:e></samlp:Extensions>')], [3, mutations_1.deepNesting.map((d) => `<samlp:Extensions>${d}</samlp:Extensions>`)], [1, fast_check_1.default.constant('<samlp:Extensions><saml:Foo/></samlp:Extensions>')], [1, mutations_1.hostileSnippet.map((h) => `<samlp:Extensions><x:e xmlns:x="urn:x">${h}</x:e></samlp:Extensions>`)]);
const nameIdFormat = weighted([
    8,
    fast_check_1.default.constantFrom('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'),
], [
    2,
    fast_check_1.default.constantFrom('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', 'urn:oasis:names:tc:SAML:2.0:nameid-format:encrypted', 'x'),
], [1, exports.weirdValue]);
function authnRequestXml(env) {
    const attrs = fast_check_1.default.tuple(attribute('ID', exports.messageId, 1), attribute('Version', fast_check_1.default.constant('2.0'), 1), attribute('IssueInstant', instant(env.now), 1), attribute('Destination', weighted([12, fast_check_1.default.constant(env.ssoUrl)], [1, fast_check_1.default.constantFrom(env.sloUrl, `${env.ssoUrl}/`, 'https://evil.example/saml/sso', '')]), 2), attribute('AssertionConsumerServiceURL', weighted([12, fast_check_1.default.constant(env.acsUrl)], [1, fast_check_1.default.constantFrom('https://evil.example/acs', 'javascript:alert(1)', `${env.acsUrl}?x`, 'http://127.0.0.1:9/fuzz/artifact')]), 10), attribute('ProtocolBinding', weighted([12, fast_check_1.default.constant(POST)], [
        1,
        fast_check_1.default.constantFrom('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact', 'x'),
    ]), 10), weighted([10, fast_check_1.default.constant('')], [1, fast_check_1.default.constantFrom('0', '1', '2', '99', '65535', '65536', 'x', '-1').map((i) => ` AssertionConsumerServiceIndex="${i}"`)]), optional(1, 6, fast_check_1.default.constantFrom('true', 'false', '1', '0', 'yes').map((v) => ` ForceAuthn="${v}"`)), optional(1, 6, fast_check_1.default.constantFrom('true', 'false', '1', '0', 'yes').map((v) => ` IsPassive="${v}"`)), optional(1, 10, exports.weirdValue.map((v) => ` ProviderName="${v}"`)), strayAttribute);
    const policy = weighted([6, fast_check_1.default.constant('')], [
        6,
        fast_check_1.default
            .tuple(nameIdFormat, weighted([8, fast_check_1.default.constantFrom('true', 'false')], [1, fast_check_1.default.constant('x')]))
            .map(([f, a]) => `<samlp:NameIDPolicy Format="${f}" AllowCreate="${a}"/>`),
    ], [
        1,
        fast_check_1.default.constantFrom('<samlp:NameIDPolicy/>', '<samlp:NameIDPolicy Format=""/>', '<samlp:NameIDPolicy><x/></samlp:NameIDPolicy>', '<samlp:NameIDPolicy Foo="x"/>'),
    ]);
    const rac = weighted([10, fast_check_1.default.constant('')], [
        1,
        fast_check_1.default.constantFrom('<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>', '<samlp:RequestedAuthnContext/>', '<samlp:RequestedAuthnContext><saml:AuthnContextClassRef>a</saml:AuthnContextClassRef><saml:AuthnContextDeclRef>b</saml:AuthnContextDeclRef></samlp:RequestedAuthnContext>'),
    ]);
    const rare = weighted([20, fast_check_1.default.constant('')], [
        1,
        fast_check_1.default.constantFrom('<saml:Subject><saml:NameID>x</saml:NameID></saml:Subject>', '<saml:Conditions/>', '<samlp:Scoping ProxyCount="1"/>'),
    ]);
    return fast_check_1.default
        .tuple(prolog, rootName('AuthnRequest'), namespaceDeclarations, attrs, children(issuer(env), extensions, rare, policy, rac))
        .map(([p, root, ns, a, kids]) => `${p}<${root.open}${ns}${a.join('')}>${kids}</${root.close}>`);
}
function logoutRequestXml(env) {
    const attrs = fast_check_1.default.tuple(attribute('ID', exports.messageId, 1), attribute('Version', fast_check_1.default.constant('2.0'), 1), attribute('IssueInstant', instant(env.now), 1), attribute('Destination', weighted([12, fast_check_1.default.constant(env.sloUrl)], [1, fast_check_1.default.constantFrom(env.ssoUrl, 'https://evil.example/saml/slo', '')]), 2), optional(1, 3, instant(env.now).map((v) => ` NotOnOrAfter="${v}"`)), optional(1, 6, fast_check_1.default.constantFrom('urn:oasis:names:tc:SAML:2.0:logout:user', 'x', '').map((v) => ` Reason="${v}"`)), strayAttribute);
    const nameIdText = weighted([10, hex], [1, exports.weirdValue], [1, fast_check_1.default.constantFrom('a<!---->b', 'a<?x?>b', '<x:y xmlns:x="urn:x"/>', '')]);
    const nameId = weighted([
        20,
        fast_check_1.default
            .tuple(nameIdFormat, nameIdText)
            .map(([f, t]) => `<saml:NameID Format="${f}" NameQualifier="${env.ssoUrl}" SPNameQualifier="${env.optionalSp}">${t}</saml:NameID>`),
    ], [2, nameIdText.map((t) => `<saml:NameID>${t}</saml:NameID>`)], [
        1,
        fast_check_1.default.constantFrom('', '<saml:BaseID/>', '<saml:EncryptedID/>', '<saml:NameID Foo="x">a</saml:NameID>', '<saml:NameID>a</saml:NameID><saml:NameID>b</saml:NameID>'),
    ]);
    const sessionIndexes = weighted([10, fast_check_1.default.array(hex, { maxLength: 3 }).map((xs) => xs.map((x) => `<samlp:SessionIndex>${x}</samlp:SessionIndex>`).join(''))], [1, fast_check_1.default.integer({ min: 60, max: 70 }).map((n) => '<samlp:SessionIndex>s</samlp:SessionIndex>'.repeat(n))], [
        1,
        fast_check_1.default.constantFrom('<samlp:SessionIndex>a<!---->b</samlp:SessionIndex>', '<samlp:SessionIndex><x/></samlp:SessionIndex>', '<saml:SessionIndex>s</saml:SessionIndex>'),
    ]);
    return fast_check_1.default
        .tuple(prolog, rootName('LogoutRequest'), namespaceDeclarations, attrs, children(issuer(env), extensions, nameId, sessionIndexes))
        .map(([p, root, ns, a, kids]) => `${p}<${root.open}${ns}${a.join('')}>${kids}</${root.close}>`);
}
function logoutResponseXml(env) {
    const attrs = fast_check_1.default.tuple(attribute('ID', exports.messageId, 1), attribute('Version', fast_check_1.default.constant('2.0'), 1), attribute('IssueInstant', instant(env.now), 1), attribute('Destination', weighted([12, fast_check_1.default.constant(env.sloUrl)], [1, fast_check_1.default.constantFrom(env.ssoUrl, 'https://evil.example/saml/slo', '')]), 2), attribute('InResponseTo', exports.messageId, 8), strayAttribute);
    const code = weighted([
        10,
        fast_check_1.default.constantFrom('urn:oasis:names:tc:SAML:2.0:status:Success', 'urn:oasis:names:tc:SAML:2.0:status:Requester', 'urn:oasis:names:tc:SAML:2.0:status:Responder'),
    ], [1, exports.weirdValue]);
    const status = weighted([
        20,
        fast_check_1.default
            .tuple(code, optional(1, 4, code.map((c) => `<samlp:StatusCode Value="${c}"/>`)), optional(1, 6, exports.weirdValue.map((m) => `<samlp:StatusMessage>${m}</samlp:StatusMessage>`)))
            .map(([c, sub, msg]) => `<samlp:Status><samlp:StatusCode Value="${c}">${sub}</samlp:StatusCode>${msg}</samlp:Status>`),
    ], [
        1,
        fast_check_1.default.constantFrom('', '<samlp:Status/>', '<samlp:Status><samlp:StatusCode/></samlp:Status>', '<samlp:Status><samlp:StatusMessage>m</samlp:StatusMessage></samlp:Status>', '<samlp:Status><samlp:StatusCode Value="x"/><samlp:StatusCode Value="y"/></samlp:Status>', '<samlp:Status>text<samlp:StatusCode Value="x"/></samlp:Status>'),
    ]);
    return fast_check_1.default
        .tuple(prolog, rootName('LogoutResponse'), namespaceDeclarations, attrs, children(issuer(env), extensions, status))
        .map(([p, root, ns, a, kids]) => `${p}<${root.open}${ns}${a.join('')}>${kids}</${root.close}>`);
}
const relayState = weighted([10, fast_check_1.default.constant(undefined)], [3, fast_check_1.default.constantFrom('state-123', 'a b', '/portal?x=1')], [1, fast_check_1.default.constantFrom('ÿ😀', 'x'.repeat(81), '<script>', '\u0000', 'a\nb', '"', '')], [1, fast_check_1.default.string({ unit: 'binary', maxLength: 30 })]);
const redirectEncoding = weighted([24, fast_check_1.default.constant('deflate')], [
    1,
    fast_check_1.default.constantFrom('plain-b64', 'truncated', 'trailing', 'b64-unescaped', 'b64-broken', 'bomb', 'zlib-header', 'latin1', 'empty'),
]);
// Signing costs an RSA operation per case (most of the generation time): about one case in five is signed.
const redirectSigning = weighted([12, fast_check_1.default.constant('none')], [3, fast_check_1.default.constant('good')], [1, fast_check_1.default.constantFrom('stranger', 'sha1', 'label-mismatch', 'alg-garbage', 'sig-garbage', 'alg-only')]);
const queryShape = weighted([30, fast_check_1.default.constant('normal')], [
    1,
    fast_check_1.default.constantFrom('duplicate', 'wrong-kind', 'both-kinds', 'missing', 'bad-escape', 'oversize', 'empty-pairs', 'nul-key', 'tamper-relay', 'plus-space'),
]);
function encodeRedirectValue(xml, encoding) {
    const deflate = (b) => node_zlib_1.default.deflateRawSync(b).toString('base64');
    switch (encoding) {
        case 'deflate':
            return encodeURIComponent(deflate(Buffer.from(xml)));
        case 'plain-b64':
            return encodeURIComponent(Buffer.from(xml).toString('base64'));
        case 'truncated': {
            const d = node_zlib_1.default.deflateRawSync(Buffer.from(xml));
            return encodeURIComponent(d.subarray(0, Math.max(1, d.length - 5)).toString('base64'));
        }
        case 'trailing':
            return encodeURIComponent(Buffer.concat([node_zlib_1.default.deflateRawSync(Buffer.from(xml)), Buffer.from([1, 2, 3, 255])]).toString('base64'));
        case 'b64-unescaped':
            return deflate(Buffer.from(xml));
        case 'b64-broken':
            return encodeURIComponent(`${deflate(Buffer.from(xml)).slice(1)}!`);
        case 'bomb':
            return encodeURIComponent(deflate(Buffer.from(xml.replace(/<\/[^>]+>$/, (end) => `<!--${'A'.repeat(200_000)}-->${end}`))));
        case 'zlib-header':
            return encodeURIComponent(node_zlib_1.default.deflateSync(Buffer.from(xml)).toString('base64'));
        case 'latin1':
            return encodeURIComponent(deflate(Buffer.from(`${xml}<!--\u00e9-->`, 'latin1')));
        case 'empty':
            return '';
    }
}
function redirectQuery(env, kind, xml, o) {
    const other = kind === 'SAMLRequest' ? 'SAMLResponse' : 'SAMLRequest';
    const value = encodeRedirectValue(xml, o.encoding);
    const relay = o.relay === undefined ? [] : [`RelayState=${encodeURIComponent(o.relay)}`];
    let parts = [`${o.shape === 'wrong-kind' ? other : kind}=${value}`, ...relay];
    if (o.signing !== 'none') {
        const sigAlg = o.signing === 'sha1'
            ? signing_1.SIG_ALG.rsaSha1
            : o.signing === 'label-mismatch'
                ? signing_1.SIG_ALG.rsaSha512
                : o.signing === 'alg-garbage'
                    ? 'urn:x'
                    : signing_1.SIG_ALG.rsaSha256;
        parts.push(`SigAlg=${encodeURIComponent(sigAlg)}`);
        if (o.signing !== 'alg-only') {
            const octets = parts.join('&');
            const key = o.signing === 'stranger' ? env.stranger : env.key;
            const signature = o.signing === 'sig-garbage' ? 'AAAA' : (0, signing_1.signOctets)(octets, o.signing === 'label-mismatch' ? signing_1.SIG_ALG.rsaSha256 : sigAlg, key);
            parts.push(`Signature=${encodeURIComponent(signature)}`);
        }
    }
    switch (o.shape) {
        case 'duplicate':
            parts.push(parts[0]);
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
const postShape = weighted([30, fast_check_1.default.constant('normal')], [3, fast_check_1.default.constant('wrapped')], [
    1,
    fast_check_1.default.constantFrom('array', 'non-string', 'missing', 'both', 'broken-b64', 'huge', 'latin1', 'relay-array', 'deflated', 'wrong-kind'),
]);
const postSigning = weighted([12, fast_check_1.default.constant('none')], [3, fast_check_1.default.constant('sha256')], [1, fast_check_1.default.constantFrom('sha1', 'no-transforms', 'first-child', 'stranger')]);
function postBody(kind, xml, shape, relay) {
    const other = kind === 'SAMLRequest' ? 'SAMLResponse' : 'SAMLRequest';
    const b64 = Buffer.from(xml).toString('base64');
    const withRelay = (body) => (relay === undefined ? body : { ...body, RelayState: relay });
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
            return withRelay({ [kind]: node_zlib_1.default.deflateRawSync(Buffer.from(xml)).toString('base64') });
        case 'wrong-kind':
            return withRelay({ [other]: b64 });
    }
}
/** Pure garbage for the binding: random query strings and form bodies. */
const garbageRedirect = fast_check_1.default.oneof(fast_check_1.default.string({ maxLength: 200 }), fast_check_1.default.string({ unit: 'binary', maxLength: 200 }).map(encodeURIComponent), fast_check_1.default.string({ unit: 'binary', maxLength: 400 }).map((s) => `SAMLRequest=${encodeURIComponent(Buffer.from(s).toString('base64'))}`), fast_check_1.default
    .string({ unit: 'binary', maxLength: 400 })
    .map((s) => `SAMLRequest=${encodeURIComponent(node_zlib_1.default.deflateRawSync(Buffer.from(s)).toString('base64'))}`), fast_check_1.default
    .string({ unit: 'binary', maxLength: 400 })
    .map((s) => `SAMLResponse=${encodeURIComponent(node_zlib_1.default.deflateRawSync(Buffer.from(s)).toString('base64'))}`));
const garbagePost = fast_check_1.default.oneof(fast_check_1.default.dictionary(fast_check_1.default.constantFrom('SAMLRequest', 'SAMLResponse', 'RelayState', 'x'), fast_check_1.default.oneof(fast_check_1.default.string({ unit: 'binary', maxLength: 200 }), fast_check_1.default.array(fast_check_1.default.string(), { maxLength: 3 }))), fast_check_1.default.string({ unit: 'binary', maxLength: 400 }).map((s) => ({ SAMLRequest: Buffer.from(s).toString('base64') })), fast_check_1.default.string({ unit: 'binary', maxLength: 400 }).map((s) => ({ SAMLResponse: Buffer.from(s).toString('base64') })));
function messageCases(env, kind, xmlArb, bindings) {
    const mutated = fast_check_1.default.tuple(xmlArb, mutations_1.textMutations).map(([xml, ms]) => (0, mutations_1.mutateText)(xml, ms));
    const redirect = fast_check_1.default
        .record({ xml: mutated, encoding: redirectEncoding, signing: redirectSigning, relay: relayState, shape: queryShape })
        .map((o) => ({ binding: 'redirect', query: redirectQuery(env, kind, o.xml, o) }));
    const afterSigning = weighted([6, fast_check_1.default.constant([])], [1, mutations_1.textMutations]);
    const post = fast_check_1.default
        .record({ xml: mutated, signing: postSigning, tamper: afterSigning, shape: postShape, relay: relayState })
        .map((o) => {
        let xml = o.xml;
        if (o.signing !== 'none') {
            const signed = (0, signing_1.signEnveloped)(xml, o.signing === 'stranger' ? env.stranger : env.key, o.signing === 'stranger' ? 'sha256' : o.signing);
            if (signed)
                xml = (0, mutations_1.mutateText)(signed, o.tamper);
        }
        return { binding: 'post', body: postBody(kind, xml, o.shape, o.relay) };
    });
    const garbage = fast_check_1.default.oneof(...bindings.map((b) => b === 'redirect'
        ? garbageRedirect.map((query) => ({ binding: 'redirect', query }))
        : garbagePost.map((body) => ({ binding: 'post', body }))));
    const wellFormed = fast_check_1.default.oneof(...bindings.map((b) => (b === 'redirect' ? redirect : post)));
    return weighted([19, wellFormed], [1, garbage]);
}
const authnRequestCases = (env, binding) => messageCases(env, 'SAMLRequest', authnRequestXml(env), [binding]);
exports.authnRequestCases = authnRequestCases;
const logoutRequestCases = (env) => messageCases(env, 'SAMLRequest', logoutRequestXml(env), ['redirect', 'post']);
exports.logoutRequestCases = logoutRequestCases;
const logoutResponseCases = (env) => messageCases(env, 'SAMLResponse', logoutResponseXml(env), ['redirect', 'post']);
exports.logoutResponseCases = logoutResponseCases;
//# sourceMappingURL=saml-arbitraries.js.map