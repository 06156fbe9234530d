import { FhirError } from '@connector/fhir-outcomes';

// Characters XML 1.0 cannot carry at all, not even as character references (https://www.w3.org/TR/xml/#charsets).
// eslint-disable-next-line no-control-regex -- matching those control characters is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex -- as above, plus what attribute values must escape
const NEEDS_ESCAPE = /[&<>"\n\r\t\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // Attribute-value normalization would turn raw line breaks and tabs into spaces: references keep them.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&([^;&<\s]{0,12});|&/g;

/** `text` as a double-quoted XML attribute value; throws a 400 FhirError on characters XML cannot represent. */
export function escapeXmlAttribute(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) {
    return text;
  }
  if (FORBIDDEN_CHARACTERS.test(text)) {
    throw FhirError.badRequest(`The value ${JSON.stringify(text)} holds a character XML cannot represent`);
  }
  return text.replace(/[&<>"\n\r\t]/g, (c) => ESCAPES[c]);
}

/**
 * Replaces the five predefined entities and numeric character references in parsed XML text; anything else (an
 * entity a DOCTYPE would have to declare, a bare `&`) is refused, so no input can expand beyond what it spells out.
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(REFERENCE, (_match, reference: string | undefined) => resolveReference(reference));
}

/** Throws unless every reference in raw XML (the XHTML narrative, kept as text) is predefined or numeric. */
export function assertKnownReferences(raw: string): void {
  if (raw.includes('&')) {
    decodeXmlText(raw);
  }
}

function resolveReference(reference: string | undefined): string {
  if (reference === undefined) {
    throw FhirError.badRequest('XML holds an "&" that does not start a character or entity reference');
  }
  const predefined = PREDEFINED[reference];
  if (predefined !== undefined) {
    return predefined;
  }
  const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(reference);
  const code = numeric ? parseInt(numeric[1] ?? numeric[2], numeric[1] ? 16 : 10) : NaN;
  if (
    !numeric ||
    code > 0x10ffff ||
    (code >= 0xd800 && code <= 0xdfff) ||
    FORBIDDEN_CHARACTERS.test(String.fromCodePoint(code))
  ) {
    throw FhirError.badRequest(
      `XML entity reference &${reference}; is not allowed: only &lt; &gt; &amp; &quot; &apos; and character references`,
    );
  }
  return String.fromCodePoint(code);
}
