import { XMLValidator } from 'fast-xml-parser';
import { FhirError } from '@connector/fhir-outcomes';
import { assertKnownReferences } from './xml-text.util';

export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
// One attribute of a raw start tag: name, then the value in double or single quotes.
const RAW_ATTRIBUTE = /\s([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The narrative `div` of JSON (XHTML source text) ready to be embedded in XML: it must be one well-formed `div`
 * element without DOCTYPE or undeclared entities, so stored text cannot break or extend the enclosing document; the
 * XHTML namespace is added when the JSON left it out. See https://hl7.org/fhir/R4/narrative.html#xhtml
 */
export function xhtmlForXml(div: string): string {
  const text = div.trim();
  if (!/^<div[\s/>]/.test(text) || !text.endsWith('>')) {
    throw FhirError.badRequest('Narrative div must be a single XHTML <div> element');
  }
  if (text.includes('<!')) {
    // Comments and CDATA are legal XHTML, but DOCTYPE/ENTITY are not; refuse only the dangerous declarations.
    if (/<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(text)) {
      throw FhirError.badRequest('Narrative div must not contain DOCTYPE or entity declarations');
    }
  }
  assertKnownReferences(text);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw FhirError.badRequest(`Narrative div is not well-formed XHTML: ${validation.err.msg}`);
  }
  return hasDefaultNamespace(text) ? text : `<div xmlns="${XHTML_NAMESPACE}"${text.slice(4)}`;
}

function hasDefaultNamespace(div: string): boolean {
  const startTag = div.slice(0, div.indexOf('>'));
  return /\sxmlns\s*=/.test(startTag);
}

/**
 * The narrative `div` read from XML as XHTML source text: its start tag rebuilt from the raw attributes (quoted with
 * `"`), then the content exactly as written between the tags. `startTag` and `content` are slices of the well-formed
 * source, so attribute values hold no `<` and the content is balanced. See https://hl7.org/fhir/R4/narrative.html#xhtml
 */
export function xhtmlFromXml(startTag: string, content: string): string {
  let div = '<div';
  let hasNamespace = false;
  for (const [, name, doubleQuoted, singleQuoted] of startTag.matchAll(RAW_ATTRIBUTE)) {
    const value = doubleQuoted ?? singleQuoted;
    hasNamespace ||= name === 'xmlns' && value === XHTML_NAMESPACE;
    div += ` ${name}="${value.replace(/"/g, '&quot;')}"`;
  }
  if (!hasNamespace) {
    throw FhirError.badRequest(`Narrative div must be in the XHTML namespace ${XHTML_NAMESPACE}`);
  }
  return `${div}>${content}</div>`;
}
