import { XMLParser } from 'fast-xml-parser';
import { parse } from 'lossless-json';

/**
 * What "equivalent XML" means in the specs: the element tree with attributes, ignoring comments, the XML
 * declaration, whitespace-only text between elements, namespace declarations and `xsi:*` attributes (the namespace
 * itself is asserted separately). Inside the XHTML narrative, text is compared with whitespace runs collapsed,
 * because the official JSON and XML narratives were pretty-printed by different tools.
 */
export interface XmlTree {
  name: string;
  attributes: Record<string, string>;
  children: (XmlTree | string)[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function xmlTree(xml: string): (XmlTree | string)[] {
  return (parser.parse(xml) as Record<string, unknown>[]).flatMap((node) => toTree(node));
}

function toTree(node: Record<string, unknown>): (XmlTree | string)[] {
  const name = Object.keys(node).find((key) => key !== ':@') as string;
  if (name === '#text') {
    const text = String(node[name]).replace(/\s+/g, ' ').trim();
    return text === '' ? [] : [text];
  }
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries((node[':@'] ?? {}) as Record<string, string>)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:') && !key.startsWith('xsi:')) {
      attributes[key] = value;
    }
  }
  const children = (node[name] as Record<string, unknown>[]).flatMap((child) => toTree(child));
  return [{ name, attributes, children }];
}

/** JSON text parsed with decimals as text, every narrative div replaced by its {@link xmlTree}. */
export function comparableJson(text: string): unknown {
  return normalizeDivs(parse(text));
}

function normalizeDivs(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(normalizeDivs);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key === 'div' && typeof item === 'string' ? xmlTree(item) : normalizeDivs(item),
      ]),
    );
  }
  return value;
}
