import type { FormatKind } from './format-negotiation.util';
import { parse, stringify } from 'lossless-json';
import { xmlBody } from './xml-body.util';

/**
 * The one place a FHIR response body is serialized for the wire: the services and builders produce JSON text,
 * written here as compact JSON (untouched, the hot path), pretty JSON, or XML. See https://hl7.org/fhir/R4/http.html#parameters
 */
export function formatBody(jsonText: string, format: FormatKind, pretty: boolean): string {
  switch (format) {
    case 'json':
      // lossless-json: a decimal keeps its text (`1.50`) through the re-indentation.
      return pretty ? (stringify(parse(jsonText), null, 2) ?? jsonText) : jsonText;
    case 'xml':
      return xmlBody(jsonText, pretty);
  }
}
