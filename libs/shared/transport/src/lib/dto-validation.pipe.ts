import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { validateSync, type ValidatorOptions } from 'class-validator';
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
 * Nest's ValidationPipe, validating synchronously: every message DTO uses only synchronous constraints, and
 * class-validator's async `validate` builds a promise per constraint — with AsyncLocalStorage's promise hooks on,
 * that was the largest cost of a resource read.
 */
class SyncValidationPipe extends ValidationPipe {
  protected override validate(object: object, validatorOptions?: ValidatorOptions): ValidationError[] {
    return validateSync(object, validatorOptions);
  }
}

/**
 * The pipe every service applies to every message: class-validator DTOs, and failures as a 400 OperationOutcome
 * that lists each broken constraint. Unknown properties are kept (FHIR resources travel inside DTOs).
 */
export function createDtoValidationPipe(): ValidationPipe {
  return new SyncValidationPipe({
    transform: true,
    whitelist: false,
    forbidUnknownValues: false,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => FhirError.invalid(validationMessages(errors)),
  });
}
