/**
 * Nest looks a handler up by first trying `JSON.parse(pattern)` (for object patterns) and catching the failure;
 * our subjects are plain strings, so that throws — and builds a stack trace — on every message. Plain subjects
 * skip the parse; anything that looks like a JSON pattern still takes Nest's way.
 */
export function isPlainSubject(pattern: string): boolean {
  return !pattern.startsWith('{') && !pattern.startsWith('"');
}
