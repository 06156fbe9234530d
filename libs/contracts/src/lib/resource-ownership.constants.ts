import { isR4ResourceType } from '@connector/fhir-types';
import type { ResourceServiceName } from './services.constants';

/*
 * The one routing table: which service owns which resource type. Chart owns clinical and administrative
 * resources (the default for every R4 type not listed here); practice owns scheduling and billing; terminology
 * owns the conformance-terminology resources.
 */

const PRACTICE_TYPES = [
  'Account',
  'Appointment',
  'AppointmentResponse',
  'ChargeItem',
  'ChargeItemDefinition',
  'Claim',
  'ClaimResponse',
  'Contract',
  'Coverage',
  'CoverageEligibilityRequest',
  'CoverageEligibilityResponse',
  'EnrollmentRequest',
  'EnrollmentResponse',
  'ExplanationOfBenefit',
  'HealthcareService',
  'InsurancePlan',
  'Invoice',
  'PaymentNotice',
  'PaymentReconciliation',
  'Schedule',
  'Slot',
] as const;

const TERMINOLOGY_TYPES = ['CodeSystem', 'ConceptMap', 'NamingSystem', 'TerminologyCapabilities', 'ValueSet'] as const;

const OWNER_BY_TYPE: ReadonlyMap<string, ResourceServiceName> = new Map<string, ResourceServiceName>([
  ...PRACTICE_TYPES.map((type) => [type, 'practice'] as const),
  ...TERMINOLOGY_TYPES.map((type) => [type, 'terminology'] as const),
]);

/** The service that stores `resourceType`, or undefined when it is not an R4 resource type at all. */
export function owningService(resourceType: string): ResourceServiceName | undefined {
  if (!isR4ResourceType(resourceType)) {
    return undefined;
  }
  return OWNER_BY_TYPE.get(resourceType) ?? 'chart';
}
