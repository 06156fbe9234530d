import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FhirError } from '@connector/fhir-outcomes';

/** One node of fast-xml-parser's ordered output: `{ name: children, ':@': attributes }` or `{ '#text': text }`. */
export type XmlNode = Record<string, unknown>;
export type XmlAttributes = Readonly<Record<string, string>>;

export const TEXT = '#text';
const ATTRIBUTES = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded by decodeXmlText, which knows only the predefined ones and character references.
  processEntities: false,
  htmlEntities: false,
  // Whitespace in attribute values is content (https://hl7.org/fhir/R4/xml.html); text nodes are checked one by one.
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The narrative stays raw XHTML text, so it reaches JSON as written.
  stopNodes: ['*.div'],
});

/**
 * Parses an XML document, refusing DOCTYPE (and so every entity declaration: XXE, billion laughs) and malformed
 * input with a 400 FhirError before any tree is built.
 */
export function parseXmlDocument(xml: string): XmlNode[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw FhirError.badRequest('XML with a DOCTYPE or entity declaration is not accepted');
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw FhirError.badRequest(`XML is not well-formed: ${msg} (line ${line}, column ${col})`);
  }
  return parser.parse(xml) as XmlNode[];
}

/** The element name of a node, or `#text`. */
export function nodeName(node: XmlNode): string {
  for (const key in node) {
    if (key !== ATTRIBUTES) {
      return key;
    }
  }
  throw FhirError.badRequest('XML node without a name');
}

export function nodeChildren(node: XmlNode, name: string): XmlNode[] {
  return (node[name] as XmlNode[] | undefined) ?? [];
}

export function nodeAttributes(node: XmlNode): XmlAttributes {
  return (node[ATTRIBUTES] as XmlAttributes | undefined) ?? {};
}

/** Text nodes between FHIR elements may only be whitespace (FHIR elements have no text content). */
export function assertBlank(text: unknown, where: string): void {
  if (typeof text === 'string' && text.trim() !== '') {
    throw FhirError.badRequest(`Unexpected text ${JSON.stringify(text.trim().slice(0, 40))} in ${where}`);
  }
}

/** The element children of a node, checking that the text between them is only whitespace. */
export function elementNodes(children: readonly XmlNode[], where: string): XmlNode[] {
  return children.filter((child) => {
    const isText = nodeName(child) === TEXT;
    if (isText) {
      assertBlank(child[TEXT], where);
    }
    return !isText;
  });
}
