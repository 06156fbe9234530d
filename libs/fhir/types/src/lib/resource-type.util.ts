import { R4_RESOURCE_TYPES } from './r4-resource-types.generated';

export type R4ResourceType = (typeof R4_RESOURCE_TYPES)[number];

const RESOURCE_TYPE_SET: ReadonlySet<string> = new Set(R4_RESOURCE_TYPES);

/** True when `name` is a concrete FHIR R4 resource type. See https://hl7.org/fhir/R4/resourcelist.html */
export function isR4ResourceType(name: string): name is R4ResourceType {
  return RESOURCE_TYPE_SET.has(name);
}
