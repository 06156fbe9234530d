import { RESOURCE_ID_PATTERN } from '@connector/contracts';
import { isR4ResourceType } from '@connector/fhir-types';
import { ImportError, type ImportErrorLocation } from './import-error';

/** A JSON object that names a known R4 resource type; every other element is still unchecked. */
export interface CheckedResource {
  readonly resourceType: string;
  readonly id?: unknown;
  readonly [element: string]: unknown;
}

/** Asserts that `value` is a resource the services can store: an object with a known R4 `resourceType`. */
export function checkResource(value: unknown, source: string, location: ImportErrorLocation = {}): CheckedResource {
  if (!isJsonObject(value)) {
    throw new ImportError(source, `expected a JSON object, got ${describeJsonType(value)}`, location);
  }
  const resourceType = value['resourceType'];
  if (typeof resourceType !== 'string' || resourceType === '') {
    throw new ImportError(source, 'missing resourceType', location);
  }
  if (!isR4ResourceType(resourceType)) {
    throw new ImportError(source, `unknown resource type "${resourceType}"`, location);
  }
  return value as CheckedResource;
}

/** Asserts that `id` is a FHIR id. See https://hl7.org/fhir/R4/datatypes.html#id */
export function checkId(id: unknown, source: string, location: ImportErrorLocation = {}): string {
  if (typeof id !== 'string' || !RESOURCE_ID_PATTERN.test(id)) {
    throw new ImportError(
      source,
      `invalid id ${JSON.stringify(id)}: must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."`,
      location,
    );
  }
  return id;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
