import { patientCompartmentParams } from '@connector/fhir-search';
import type { SqlBinder } from './sql-binder';

/**
 * Resources of `resourceType` (id in `idColumn`) in the Patient compartment of one of `patientIds`: a reference row
 * of one of the type's compartment parameters points at one of them; a Patient is also in its own compartment.
 * Types outside the compartment match nothing. Served by the reference table's target-first index.
 * See https://hl7.org/fhir/R4/compartmentdefinition-patient.html
 */
export function patientCompartmentCondition(
  resourceType: string,
  patientIds: readonly string[],
  idColumn: string,
  binder: SqlBinder,
): string {
  const params = patientCompartmentParams(resourceType);
  if (params === undefined || patientIds.length === 0) {
    return '1 = 0';
  }
  const reference = binder.alias();
  const patients = () => patientIds.map((id) => binder.bind(id)).join(', ');
  const self = resourceType === 'Patient' ? `${idColumn} IN (${patients()}) OR ` : '';
  return (
    `(${self}${idColumn} IN (SELECT ${reference}."resource_id" FROM ${binder.tables.indexTables.reference} ${reference} ` +
    `WHERE ${reference}."target_type" = ${binder.bind('Patient')} AND ${reference}."target_id" IN (${patients()}) ` +
    `AND ${reference}."resource_type" = ${binder.bind(resourceType)} ` +
    `AND ${reference}."code" IN (${params.map((code) => binder.bind(code)).join(', ')})))`
  );
}
