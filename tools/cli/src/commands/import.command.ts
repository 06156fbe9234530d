import { isAbsolute, relative } from 'node:path';
import type { Command } from 'commander';
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
    .action(async (paths: string[]) => {
      setExitCode(await runImport(paths, deps));
    });
}

/** Imports every file `paths` name and prints the summary; 1 when any file or path failed, else 0. */
export async function runImport(paths: readonly string[], deps: CliDeps): Promise<number> {
  const { files, problems } = await expandPaths(paths, deps.cwd);
  const pathProblems: ImportProblem[] = problems.map((problem) => ({ file: problem.path, message: problem.message }));
  let outcomes: FileOutcome[] = [];
  if (files.length > 0) {
    const toImport: ImportFile[] = files.map((path) => ({ path, source: displayPath(path, deps.cwd) }));
    outcomes = await withServices(deps, async (clients) => {
      const progress = createImportProgress(deps.output, deps.now);
      progress.start(toImport.length);
      try {
        return await importFiles(toImport, clients, progress);
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
