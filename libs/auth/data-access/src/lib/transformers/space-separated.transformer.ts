import type { ValueTransformer } from 'typeorm';

/** Stores a string array space-separated, the way OAuth writes scope lists (RFC 6749 §3.3). */
export const spaceSeparatedTransformer: ValueTransformer = {
  to: (value: readonly string[] | undefined): string => (value ?? []).join(' '),
  from: (value: string | null): string[] => (value ? value.split(' ').filter((item) => item.length > 0) : []),
};
