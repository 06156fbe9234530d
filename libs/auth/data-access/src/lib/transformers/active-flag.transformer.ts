import type { ValueTransformer } from 'typeorm';

/**
 * `true` ↔ 1, `false` ↔ NULL. A unique index over a nullable column ignores NULLs in both PostgreSQL and SQLite,
 * so "at most one active signing key" is enforced by the database even when several service copies start at once.
 */
export const activeFlagTransformer: ValueTransformer = {
  to: (value: boolean | undefined): number | null => (value ? 1 : null),
  from: (value: number | null): boolean => value === 1,
};
