/*
 * Demo dates are counted from a fixed day, never from the clock, so the output does not change from one run (or
 * one day) to the next.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The "today" of the demo data: encounters lie before it, appointments after it. */
export const DEMO_TODAY = Date.UTC(2025, 0, 6);

/** `YYYY-MM-DD` of the day `days` after (or, negative, before) DEMO_TODAY. */
export function demoDate(days: number): string {
  return new Date(DEMO_TODAY + days * DAY_MS).toISOString().slice(0, 10);
}

/** An instant on that day at `minutes` past midnight UTC, as a FHIR dateTime/instant (`2025-01-06T09:30:00Z`). */
export function demoInstant(days: number, minutes: number): string {
  return new Date(DEMO_TODAY + days * DAY_MS + minutes * 60 * 1000).toISOString().replace('.000Z', 'Z');
}
