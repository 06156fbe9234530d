import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** A command-line path that named nothing importable. */
export interface PathProblem {
  readonly path: string;
  readonly message: string;
}

export interface ExpandedPaths {
  /** Absolute paths of the files to import, each once, in command-line order (sorted within a directory or glob). */
  readonly files: string[];
  readonly problems: PathProblem[];
}

const IMPORTABLE_FILE = /\.(json|ndjson)$/i;

/**
 * Turns `import` arguments into files: a file is taken as it is, a directory gives every *.json and *.ndjson below
 * it, anything else is a glob (relative to `cwd`). Arguments that match nothing become problems, not exceptions,
 * so the other files are still imported.
 */
export async function expandPaths(paths: readonly string[], cwd: string): Promise<ExpandedPaths> {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: PathProblem[] = [];
  for (const path of paths) {
    const found = await filesOf(path, cwd);
    if (typeof found === 'string') {
      problems.push({ path, message: found });
      continue;
    }
    for (const file of found.filter((candidate) => !seen.has(candidate))) {
      seen.add(file);
      files.push(file);
    }
  }
  return { files, problems };
}

/** The files `path` names, or why it names none. */
async function filesOf(path: string, cwd: string): Promise<string[] | string> {
  const absolute = resolve(cwd, path);
  const stats = await stat(absolute).catch(() => undefined);
  if (stats?.isFile()) {
    return [absolute];
  }
  if (stats?.isDirectory()) {
    const found = await glob(['**/*.json', '**/*.ndjson'], { cwd: absolute, absolute: true, onlyFiles: true });
    return found.length > 0 ? sorted(found) : `no *.json or *.ndjson files in directory ${path}`;
  }
  if (isDynamicPattern(path)) {
    const found = (await glob([path], { cwd, absolute: true, onlyFiles: true })).filter((file) =>
      IMPORTABLE_FILE.test(file),
    );
    return found.length > 0 ? sorted(found) : `no *.json or *.ndjson files match ${path}`;
  }
  return `no such file or directory: ${path}`;
}

function sorted(files: string[]): string[] {
  return files.map((file) => resolve(file)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
