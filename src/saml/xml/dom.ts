import { SamlRequestError } from '../../domain/errors';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

export function childNodes(node: Node): Node[] {
  return Array.from(node.childNodes as unknown as ArrayLike<Node>);
}

export function elementChildren(el: Element): Element[] {
  return childNodes(el).filter((n): n is Element => n.nodeType === ELEMENT);
}

export function is(el: Element | null | undefined, ns: string, localName: string): el is Element {
  return !!el && el.namespaceURI === ns && el.localName === localName;
}

export function childrenNamed(el: Element, ns: string, localName: string): Element[] {
  return elementChildren(el).filter((c) => is(c, ns, localName));
}

export function firstChild(el: Element, ns: string, localName: string): Element | null {
  return childrenNamed(el, ns, localName)[0] ?? null;
}

/**
 * Every element below `node`, in document order, visited with an explicit stack: no recursion, so
 * even a document that slipped past the nesting cap could not overflow the call stack here.
 */
function* elementsBelow(node: Node): Generator<Element> {
  const stack: Node[] = childNodes(node).reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType !== ELEMENT) continue;
    yield n as Element;
    const kids = childNodes(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** All descendants (document order) with this name. */
export function descendants(node: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (const e of elementsBelow(node)) if (is(e, ns, localName)) out.push(e);
  return out;
}

/**
 * The text of a simple element, refusing anything but text inside it: a comment or processing
 * instruction splitting "sp.example<!---->.evil" must not read differently to us and to a signer.
 */
export function strictText(el: Element, what: string): string {
  let text = '';
  for (const n of childNodes(el)) {
    if (n.nodeType === TEXT || n.nodeType === CDATA) text += (n as CharacterData).data;
    else
      throw new SamlRequestError(
        `${what} may only contain text (found a ${n.nodeType === 8 ? 'comment' : n.nodeType === 7 ? 'processing instruction' : 'nested element'})`,
      );
  }
  return text;
}

/** Every element carrying an ID-like attribute with this value (ID, Id, id): must be exactly one. */
export function elementsWithId(doc: Document, id: string): Element[] {
  const out: Element[] = [];
  for (const e of elementsBelow(doc)) {
    if (e.getAttribute('ID') === id || e.getAttribute('Id') === id || e.getAttribute('id') === id) out.push(e);
  }
  return out;
}

export function hasCommentOrPi(node: Node): boolean {
  const commentOrPi = (n: Node) => n.nodeType === 7 || n.nodeType === 8;
  if (childNodes(node).some(commentOrPi)) return true;
  for (const e of elementsBelow(node)) if (childNodes(e).some(commentOrPi)) return true;
  return false;
}

/** An attribute's value, or null when absent (xmldom's getAttribute returns '' for a missing attribute). */
export function optionalAttr(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}
