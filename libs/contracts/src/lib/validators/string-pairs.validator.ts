import { registerDecorator, type ValidationOptions } from 'class-validator';

/** True when `value` is an array of `[string, string]` tuples (query parameters as name/value pairs). */
export function isStringPairArray(value: unknown): value is [string, string][] {
  return (
    Array.isArray(value) &&
    value.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string'))
  );
}

/**
 * Property decorator: the value must be an array of `[string, string]` tuples. class-validator has no tuple
 * constraint, and `@IsArray()` + `@IsString({ each: true })` would accept `['a', 'b']` as well as `[['a', 'b']]`.
 */
export function IsStringPairArray(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isStringPairArray',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an array of [string, string] pairs`, ...options },
      validator: { validate: (value: unknown) => isStringPairArray(value) },
    });
  };
}
