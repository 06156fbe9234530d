import { FhirError } from '@connector/fhir-outcomes';

/**
 * The query string of a request URL as [name, value] pairs in the order sent, a repeated name once per occurrence
 * (repetition means AND in FHIR search, so a map would lose meaning). Decoded as
 * application/x-www-form-urlencoded: `+` is a space, then percent-decoding. See https://hl7.org/fhir/R4/search.html
 */
export function rawQueryParams(url: string): [string, string][] {
  const start = url.indexOf('?');
  if (start < 0) {
    return [];
  }
  const params: [string, string][] = [];
  for (const part of url.slice(start + 1).split('&')) {
    if (part === '') {
      continue;
    }
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? '' : part.slice(equals + 1);
    params.push([formDecode(name), formDecode(value)]);
  }
  return params;
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw FhirError.badRequest(`Malformed percent-encoding in the query string: "${text}"`);
  }
}
