/** Injection token of the {@link ResourceServiceName} a FhirResourceServiceModule serves. */
export const RESOURCE_SERVICE_NAME = Symbol('RESOURCE_SERVICE_NAME');
