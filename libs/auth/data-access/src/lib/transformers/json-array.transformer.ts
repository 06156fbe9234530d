import type { ValueTransformer } from 'typeorm';

/** Stores a string array as JSON text: one portable column type instead of PostgreSQL arrays SQLite lacks. */
export const jsonArrayTransformer: ValueTransformer = {
  to: (value: readonly string[] | undefined): string => JSON.stringify(value ?? []),
  from: (value: string | null): string[] => (value ? (JSON.parse(value) as string[]) : []),
};
