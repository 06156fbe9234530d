import { FhirError, operationOutcome } from '@connector/fhir-outcomes';

/** The two FHIR serializations. See https://hl7.org/fhir/R4/http.html#mime-type */
export type FormatKind = 'json' | 'xml';

/** What a FHIR response is written as: the serialization and the Content-Type it goes out with. */
export interface ResponseFormat {
  readonly kind: FormatKind;
  readonly contentType: string;
}

/** The R4 version the `fhirVersion` media-type parameter may name. See https://hl7.org/fhir/R4/http.html#version-parameter */
const ACCEPTED_FHIR_VERSIONS: ReadonlySet<string> = new Set(['4.0', '4.0.1']);

// The media types answered, each with the serialization it stands for; the first of each kind is the FHIR one.
const MEDIA_TYPES: Readonly<Record<string, FormatKind>> = {
  'application/fhir+json': 'json',
  'application/json': 'json',
  'application/fhir+xml': 'xml',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

// `_format` shorthands. See https://hl7.org/fhir/R4/http.html#parameters
const FORMAT_SHORTHANDS: Readonly<Record<string, string>> = {
  json: 'application/fhir+json',
  xml: 'application/fhir+xml',
};

const FHIR_MEDIA_TYPE: Readonly<Record<FormatKind, string>> = {
  json: 'application/fhir+json',
  xml: 'application/fhir+xml',
};

/** What a client gets when it expresses no preference. */
export const DEFAULT_RESPONSE_FORMAT = formatOf('application/fhir+json');

interface MediaRange {
  readonly type: string;
  readonly q: number;
  readonly fhirVersion?: string;
}

/**
 * The response format of a FHIR request: `_format` when given (it overrides `Accept`, for clients that cannot set
 * headers), else the most preferred acceptable range of `Accept`, else FHIR JSON. Nothing acceptable is a 406.
 * See https://hl7.org/fhir/R4/http.html#mime-type
 */
export function negotiateFormat(formatParam: string | undefined, accept: string | undefined): ResponseFormat {
  if (formatParam !== undefined) {
    const [range] = parseMediaRanges(FORMAT_SHORTHANDS[formatParam.trim().toLowerCase()] ?? formatParam);
    const format = range === undefined ? undefined : formatFor(range);
    if (format === undefined) {
      throw notAcceptable(`Unsupported _format "${formatParam}": use json or xml`);
    }
    return format;
  }
  if (accept === undefined || accept.trim() === '') {
    return DEFAULT_RESPONSE_FORMAT;
  }
  // Stable sort: among equal q-values the client's order decides.
  const ranges = parseMediaRanges(accept)
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const range of ranges) {
    const format = formatFor(range);
    if (format !== undefined) {
      return format;
    }
  }
  throw notAcceptable(`None of the accepted media types "${accept}" is available: use application/fhir+json`);
}

function formatFor(range: MediaRange): ResponseFormat | undefined {
  if (range.fhirVersion !== undefined && !ACCEPTED_FHIR_VERSIONS.has(range.fhirVersion)) {
    return undefined;
  }
  if (range.type === '*/*' || range.type === 'application/*') {
    return DEFAULT_RESPONSE_FORMAT;
  }
  if (range.type === 'text/*') {
    return formatOf('text/xml');
  }
  return MEDIA_TYPES[range.type] === undefined ? undefined : formatOf(range.type);
}

/** The answer to a concrete media type: its own name as Content-Type, so a client asking for application/json gets it. */
function formatOf(mediaType: string): ResponseFormat {
  const kind = MEDIA_TYPES[mediaType];
  return { kind, contentType: `${mediaType}; charset=utf-8` };
}

/** The FHIR media type of a serialization, for answers (like errors) that need no client-specific alias. */
export function fhirFormat(kind: FormatKind): ResponseFormat {
  return formatOf(FHIR_MEDIA_TYPE[kind]);
}

/** `type/subtype;param=value, …` as ranges (lower-cased type, q defaulting to 1); malformed pieces are dropped. */
function parseMediaRanges(header: string): MediaRange[] {
  return header.split(',').flatMap((piece) => {
    const [type, ...params] = piece.split(';').map((part) => part.trim());
    if (!/^[\w.+*-]+\/[\w.+*-]+$/.test(type)) {
      return [];
    }
    let q = 1;
    let fhirVersion: string | undefined;
    for (const param of params) {
      const [name, value = ''] = param.split('=').map((part) => part.trim().replace(/^"|"$/g, ''));
      if (name.toLowerCase() === 'q') {
        q = Number.isNaN(Number(value)) ? 0 : Number(value);
      } else if (name.toLowerCase() === 'fhirversion') {
        fhirVersion = value;
      }
    }
    return [{ type: type.toLowerCase(), q, ...(fhirVersion === undefined ? {} : { fhirVersion }) }];
  });
}

function notAcceptable(text: string): FhirError {
  return new FhirError(406, operationOutcome('error', 'not-supported', text));
}
