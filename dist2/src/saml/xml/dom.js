"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.childNodes = childNodes;
exports.elementChildren = elementChildren;
exports.is = is;
exports.childrenNamed = childrenNamed;
exports.firstChild = firstChild;
exports.descendants = descendants;
exports.strictText = strictText;
exports.elementsWithId = elementsWithId;
exports.hasCommentOrPi = hasCommentOrPi;
exports.optionalAttr = optionalAttr;
const errors_1 = require("../../domain/errors");
const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
function childNodes(node) {
    return Array.from(node.childNodes);
}
function elementChildren(el) {
    return childNodes(el).filter((n) => n.nodeType === ELEMENT);
}
function is(el, ns, localName) {
    return !!el && el.namespaceURI === ns && el.localName === localName;
}
function childrenNamed(el, ns, localName) {
    return elementChildren(el).filter((c) => is(c, ns, localName));
}
function firstChild(el, ns, localName) {
    return childrenNamed(el, ns, localName)[0] ?? null;
}
/**
 * Every element below `node`, in document order, visited with an explicit stack: no recursion, so
 * even a document that slipped past the nesting cap could not overflow the call stack here.
 */
function* elementsBelow(node) {
    const stack = childNodes(node).reverse();
    while (stack.length > 0) {
        const n = stack.pop();
        if (n.nodeType !== ELEMENT)
            continue;
        yield n;
        const kids = childNodes(n);
        for (let i = kids.length - 1; i >= 0; i--)
            stack.push(kids[i]);
    }
}
/** All descendants (document order) with this name. */
function descendants(node, ns, localName) {
    const out = [];
    for (const e of elementsBelow(node))
        if (is(e, ns, localName))
            out.push(e);
    return out;
}
/**
 * The text of a simple element, refusing anything but text inside it: a comment or processing
 * instruction splitting "sp.example<!---->.evil" must not read differently to us and to a signer.
 */
function strictText(el, what) {
    let text = '';
    for (const n of childNodes(el)) {
        if (n.nodeType === TEXT || n.nodeType === CDATA)
            text += n.data;
        else
            throw new errors_1.SamlRequestError(`${what} may only contain text (found a ${n.nodeType === 8 ? 'comment' : n.nodeType === 7 ? 'processing instruction' : 'nested element'})`);
    }
    return text;
}
/** Every element carrying an ID-like attribute with this value (ID, Id, id): must be exactly one. */
function elementsWithId(doc, id) {
    const out = [];
    for (const e of elementsBelow(doc)) {
        if (e.getAttribute('ID') === id || e.getAttribute('Id') === id || e.getAttribute('id') === id)
            out.push(e);
    }
    return out;
}
function hasCommentOrPi(node) {
    const commentOrPi = (n) => n.nodeType === 7 || n.nodeType === 8;
    if (childNodes(node).some(commentOrPi))
        return true;
    for (const e of elementsBelow(node))
        if (childNodes(e).some(commentOrPi))
            return true;
    return false;
}
/** An attribute's value, or null when absent (xmldom's getAttribute returns '' for a missing attribute). */
function optionalAttr(el, name) {
    return el.hasAttribute(name) ? el.getAttribute(name) : null;
}
//# sourceMappingURL=dom.js.map