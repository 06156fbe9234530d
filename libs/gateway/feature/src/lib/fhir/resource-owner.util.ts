import { owningService, RESOURCE_ID_PATTERN, type ResourceServiceName } from '@connector/contracts';
import { FhirError } from '@connector/fhir-outcomes';

/**
 * The service that holds `[type]/[id]`, checked before any request leaves the gateway: an unknown type is a 404,
 * a malformed id a 400. Shared by read, vread and history.
 */
export function ownerOfResource(resourceType: string, id: string): ResourceServiceName {
  const owner = owningService(resourceType);
  if (owner === undefined) {
    throw FhirError.notFound(`Unknown resource type ${resourceType}`);
  }
  if (!RESOURCE_ID_PATTERN.test(id)) {
    throw FhirError.badRequest('Invalid resource id: must be 1-64 characters of A-Z, a-z, 0-9, "-" and "."');
  }
  return owner;
}
