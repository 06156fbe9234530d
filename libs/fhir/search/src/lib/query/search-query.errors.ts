import { FhirError } from '@connector/fhir-outcomes';

/**
 * A parameter the searched type does not define. Still a 400 when it escapes; lenient parsing catches it and
 * turns it into a warning. See https://hl7.org/fhir/R4/search.html#errors
 */
export class UnknownSearchParameterError extends FhirError {
  constructor(
    readonly parameter: string,
    resourceType: string,
  ) {
    const failure = FhirError.badRequest(`Unknown search parameter "${parameter}" for ${resourceType}`);
    super(failure.status, failure.outcome);
    this.name = 'UnknownSearchParameterError';
  }
}

/** 400 naming the parameter and why its name, modifier or value was rejected. */
export function invalidSearchParameter(parameter: string, why: string): FhirError {
  return FhirError.badRequest(`Invalid search parameter "${parameter}": ${why}`);
}

/** Thrown by the value parsers, which do not know the parameter name; the caller wraps it into a 400. */
export class InvalidSearchValueError extends Error {
  constructor(readonly why: string) {
    super(why);
    this.name = 'InvalidSearchValueError';
  }
}
