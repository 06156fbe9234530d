import type { ImportResult } from '@connector/fhir-import';

/** Why a file (or a command-line path) was not imported, and where in it. */
export interface ImportProblem {
  readonly file: string;
  readonly entryIndex?: number;
  readonly line?: number;
  readonly message: string;
}

export interface ImportedFile {
  readonly ok: true;
  readonly file: string;
  readonly resources: number;
  readonly result: ImportResult;
}

export interface FailedFile {
  readonly ok: false;
  readonly file: string;
  readonly problem: ImportProblem;
}

export type FileOutcome = ImportedFile | FailedFile;

/** `file entry 3: message`, `file line 7: message` or `file: message`. */
export function describeProblem(problem: ImportProblem): string {
  return `${problem.file}${problemLocation(problem, ' ')}: ${problem.message}`;
}

/** `entry 3`, `line 7` or '' (with `prefix` before it when there is one). */
export function problemLocation(problem: ImportProblem, prefix = ''): string {
  if (problem.entryIndex !== undefined) {
    return `${prefix}entry ${problem.entryIndex}`;
  }
  return problem.line === undefined ? '' : `${prefix}line ${problem.line}`;
}
