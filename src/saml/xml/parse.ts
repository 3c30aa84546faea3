import { DOMParser } from '@xmldom/xmldom';
import { SamlRequestError } from '../../domain/errors';

/**
 * Parses untrusted XML. A DOCTYPE (and with it every entity trick: external entities, billion laughs)
 * is refused before the parser sees the text, so refusal costs a regex, not an expansion.
 */
export function parseUntrustedXml(xml: string, what: string): Document {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw new SamlRequestError(`${what}: DOCTYPE and entity declarations are not allowed`);
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
