import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FhirError } from '@connector/fhir-outcomes';
import { assertKnownReferences } from './xml-text.util';

// What may follow the name in an end tag: optional whitespace, then `>`.
const END_TAG_NAME_END = /^[\s>]$/;

export type XmlAttributes = Readonly<Record<string, string>>;

/** What {@link readXmlDocument} reports, in document order; offsets index the source string. */
export interface XmlEvents {
  /** A start tag (or empty-element tag); `end` is the offset just after its `>`. Attribute values are decoded. */
  open(name: string, attributes: XmlAttributes, end: number): void;
  /** The end of the element opened last; `start` is the offset of its end tag (`end` of `open` when self-closing). */
  close(name: string, start: number): void;
  /** Character data between tags (CDATA sections included), references decoded. */
  text(text: string): void;
}

/**
 * Streams an XML document to `events`, refusing DOCTYPE (and so every entity declaration: XXE, billion laughs)
 * before parsing and malformed input while parsing, each with a 400 FhirError. saxes checks well-formedness as it
 * goes (one pass, no tree) and resolves only the predefined entities and character references.
 */
export function readXmlDocument(xml: string, events: XmlEvents): void {
  if (xml.includes('<!') && /<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw FhirError.badRequest('XML with a DOCTYPE or entity declaration is not accepted');
  }
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  const malformed = (message: string) => notWellFormed(xml, message, parser.position, parser.line, parser.column);
  parser.on('error', (error) => {
    throw malformed(error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''));
  });
  parser.on('opentag', (tag) => events.open(tag.name, tag.attributes, parser.position));
  parser.on('closetag', (tag) => events.close(tag.name, closeStart(xml, tag, parser.position, malformed)));
  parser.on('text', (text) => events.text(text));
  parser.on('cdata', (text) => events.text(text));
  parser.write(xml).close();
}

/**
 * saxes reports the element it pops before it checks the end tag's name, so the name is checked here first: the
 * events never see an element closed by another element's end tag.
 */
function closeStart(xml: string, tag: SaxesTagPlain, end: number, malformed: (message: string) => FhirError): number {
  if (tag.isSelfClosing) {
    return end;
  }
  const start = xml.lastIndexOf('</', end - 1);
  const after = xml.charAt(start + 2 + tag.name.length);
  if (!xml.startsWith(tag.name, start + 2) || !END_TAG_NAME_END.test(after)) {
    throw malformed(`unexpected end tag ${xml.slice(start, end)}, expected </${tag.name}>`);
  }
  return start;
}

function notWellFormed(xml: string, message: string, position: number, line: number, column: number): FhirError {
  if (message.startsWith('undefined entity')) {
    // Name the reference (saxes does not): the check throws the precise message for the `&…;` just read.
    assertKnownReferences(xml.slice(xml.lastIndexOf('&', position - 1), position));
  }
  return FhirError.badRequest(`XML is not well-formed: ${message} (line ${line}, column ${column})`);
}

/** Text between FHIR elements may only be whitespace (FHIR elements have no text content). */
export function assertBlank(text: string, where: string): void {
  if (text.trim() !== '') {
    throw FhirError.badRequest(`Unexpected text ${JSON.stringify(text.trim().slice(0, 40))} in ${where}`);
  }
}
