// R4 resource and datatype interfaces come from @types/fhir (import type { Patient } from 'fhir/r4');
// this lib adds the runtime facts about R4 that code needs.
export * from './lib/r4-resource-types.generated';
export * from './lib/resource-type.util';
export * from './lib/canonical-json.util';
export * from './lib/r4-element-tables.generated';
export * from './lib/r4-patient-compartment.generated';
