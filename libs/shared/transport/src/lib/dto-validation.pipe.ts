import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { FhirError } from '@connector/fhir-outcomes';

/** Every constraint that failed, as `property: message`, nested properties as `a.b.c`. */
export function validationMessages(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...validationMessages(error.children ?? [], path)];
  });
}

/**
 * The pipe every service applies to every message: class-validator DTOs, and failures as a 400 OperationOutcome
 * that lists each broken constraint. Unknown properties are kept (FHIR resources travel inside DTOs).
 */
export function createDtoValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: false,
    forbidUnknownValues: false,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => FhirError.invalid(validationMessages(errors)),
  });
}
