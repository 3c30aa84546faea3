import { DOMParser } from '@xmldom/xmldom';
import { SamlRequestError } from '../../domain/errors';
import { disallowedCharacter, MAX_TOP_LEVEL_MARKUP, MESSAGE_MAX_DEPTH, scanXml } from './limits';

export interface ParseLimits {
  /** Deepest element nesting accepted (the document element is depth 1). */
  readonly maxDepth: number;
}

/**
 * Parses untrusted XML. Refused before the parser sees the text, each for the cost of a scan:
 * a DOCTYPE (and with it every entity trick: external entities, billion laughs), characters XML does
 * not allow (xmldom would accept a NUL), nesting deeper than `limits.maxDepth`, and more than one
 * root element or much markup beside it (see limits.ts) — so no recursive walk over the document,
 * ours or a library's, can run out of stack, and xmldom's quadratic corners stay out of reach.
 */
export function parseUntrustedXml(xml: string, what: string, limits: ParseLimits = { maxDepth: MESSAGE_MAX_DEPTH }): Document {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new SamlRequestError(`${what}: DOCTYPE and entity declarations are not allowed`);
  const bad = disallowedCharacter(xml);
  if (bad) throw new SamlRequestError(`${what}: contains a character XML does not allow: ${bad}`);
  const shape = scanXml(xml, limits.maxDepth);
  if (shape.malformed) throw new SamlRequestError(`${what}: not well-formed XML`, shape.malformed);
  if (shape.maxDepth > limits.maxDepth) throw new SamlRequestError(`${what}: elements are nested more than ${limits.maxDepth} levels deep`);
  // (The scan stops at the first excess, so these are checked before concluding there is no root.)
  if (shape.topLevelMarkup > MAX_TOP_LEVEL_MARKUP)
    throw new SamlRequestError(`${what}: more than ${MAX_TOP_LEVEL_MARKUP} comments or processing instructions outside the root element`);
  if (shape.rootElements > 1) throw new SamlRequestError(`${what}: expected exactly one root element`);
  if (shape.rootElements === 0) throw new SamlRequestError(`${what}: not well-formed XML`, 'no root element');
  const problems: string[] = [];
  const parser = new DOMParser({
    locator: {},
    errorHandler: {
      warning: (m: string) => problems.push(m),
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (e) {
    throw new SamlRequestError(`${what}: not well-formed XML`, (e as Error).message);
  }
  if (problems.length > 0 || !doc?.documentElement) throw new SamlRequestError(`${what}: not well-formed XML`, problems.join('; '));
  const topLevelElements = Array.from(doc.childNodes as unknown as ArrayLike<Node>).filter((n) => n.nodeType === 1);
  if (topLevelElements.length !== 1) throw new SamlRequestError(`${what}: expected exactly one root element`);
  return doc;
}
