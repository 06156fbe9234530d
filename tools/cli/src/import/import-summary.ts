import { textTable } from '../output/text-table.util';
import { problemLocation, type FileOutcome, type ImportProblem } from './import-outcome';

/** The totals printed after an import. */
export interface ImportSummary {
  readonly filesOk: number;
  readonly filesFailed: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Resources stored per type, over all imported files. */
  readonly byType: Record<string, number>;
  /** Failed files and command-line paths that named no file, in order. */
  readonly problems: ImportProblem[];
}

/** Adds up the outcomes of all files; `pathProblems` (arguments that named no file) count as failures. */
export function summarizeImport(
  outcomes: readonly FileOutcome[],
  pathProblems: readonly ImportProblem[] = [],
): ImportSummary {
  const byType: Record<string, number> = {};
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const problems: ImportProblem[] = [...pathProblems];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      problems.push(outcome.problem);
      continue;
    }
    created += outcome.result.created;
    updated += outcome.result.updated;
    unchanged += outcome.result.unchanged;
    for (const [resourceType, count] of Object.entries(outcome.result.byType)) {
      byType[resourceType] = (byType[resourceType] ?? 0) + count;
    }
  }
  const filesOk = outcomes.filter((outcome) => outcome.ok).length;
  return { filesOk, filesFailed: problems.length, created, updated, unchanged, byType, problems };
}

/**
 * The summary as text: files ok/failed, a table of resources per type with the created/updated/unchanged
 * totals (the services report those per request, not per type), and a table of errors.
 */
export function renderImportSummary(summary: ImportSummary): string {
  const sections = [`Files: ${summary.filesOk} imported, ${summary.filesFailed} failed`];
  const types = Object.keys(summary.byType).sort();
  if (types.length > 0) {
    const total = types.reduce((sum, type) => sum + (summary.byType[type] ?? 0), 0);
    const rows = types.map((type) => [type, String(summary.byType[type] ?? 0)]);
    sections.push(textTable(['Resource type', 'Resources'], [...rows, ['Total', String(total)]], ['left', 'right']));
  }
  sections.push(`Resources: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`);
  if (summary.problems.length > 0) {
    const rows = summary.problems.map((problem) => [problem.file, problemLocation(problem), problem.message]);
    sections.push(`Errors:\n${textTable(['File', 'Where', 'Problem'], rows)}`);
  }
  return sections.join('\n\n');
}
