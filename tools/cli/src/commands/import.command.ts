import { isAbsolute, relative } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { withServices, type CliDeps } from '../cli-deps';
import { expandPaths } from '../import/expand-paths.util';
import { importFiles, type ImportFile } from '../import/import-files';
import type { FileOutcome, ImportProblem } from '../import/import-outcome';
import { createImportProgress } from '../import/import-progress';
import { renderImportSummary, summarizeImport } from '../import/import-summary';

/** `connector import PATH...`: FHIR JSON (Bundles or resources) and NDJSON files, directories or globs. */
export function registerImportCommand(program: Command, deps: CliDeps, setExitCode: (code: number) => void): void {
  program
    .command('import')
    .description('Import FHIR resources from JSON (Bundle or resource) and NDJSON files, directories or globs')
    .argument('<paths...>', 'files, directories (searched for *.json and *.ndjson) or glob patterns')
    .option('--concurrency <files>', 'files imported at the same time', parsePositive, DEFAULT_IMPORT_CONCURRENCY)
    .action(async (paths: string[], options: { concurrency: number }) => {
      setExitCode(await runImport(paths, deps, options.concurrency));
    });
}

/** Two files in flight: one being stored while the next is read and prepared. */
const DEFAULT_IMPORT_CONCURRENCY = 2;

function parsePositive(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 32) {
    throw new InvalidArgumentError('must be a whole number from 1 to 32');
  }
  return value;
}

/** Imports every file `paths` name and prints the summary; 1 when any file or path failed, else 0. */
export async function runImport(
  paths: readonly string[],
  deps: CliDeps,
  concurrency = DEFAULT_IMPORT_CONCURRENCY,
): Promise<number> {
  const { files, problems } = await expandPaths(paths, deps.cwd);
  const pathProblems: ImportProblem[] = problems.map((problem) => ({ file: problem.path, message: problem.message }));
  let outcomes: FileOutcome[] = [];
  if (files.length > 0) {
    const toImport: ImportFile[] = files.map((path) => ({ path, source: displayPath(path, deps.cwd) }));
    outcomes = await withServices(deps, async (clients) => {
      const progress = createImportProgress(deps.output, deps.now);
      progress.start(toImport.length);
      try {
        return await importFiles(toImport, clients, progress, concurrency);
      } finally {
        progress.stop();
      }
    });
  }
  const summary = summarizeImport(outcomes, pathProblems);
  deps.output.out(`\n${renderImportSummary(summary)}`);
  return summary.filesFailed > 0 ? 1 : 0;
}

/** Paths under the working directory read best relative to it; others stay absolute. */
function displayPath(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  return relativePath.startsWith('..') || isAbsolute(relativePath) ? path : relativePath;
}
