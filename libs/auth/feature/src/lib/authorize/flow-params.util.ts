/** The first value of a form or query parameter; an empty value counts as absent (RFC 6749 §3.1). */
export function firstParam(params: readonly (readonly [string, string])[], name: string): string | undefined {
  const found = params.find(([key, value]) => key === name && value !== '');
  return found?.[1];
}

/** Every non-empty value of a repeated parameter, in order. */
export function allParams(params: readonly (readonly [string, string])[], name: string): string[] {
  return params.filter(([key, value]) => key === name && value !== '').map(([, value]) => value);
}

/** The parameters as an object of first values, for the one-value-per-name authorize request. */
export function firstValues(params: readonly (readonly [string, string])[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    if (value !== '' && !(name in values)) {
      values[name] = value;
    }
  }
  return values;
}
