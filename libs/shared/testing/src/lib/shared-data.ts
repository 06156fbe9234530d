import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root';

/**
 * ../shared/data beside the repository (real third-party data; never copied into the repo). Tests that need it
 * fail loudly when it is missing instead of passing on nothing.
 */
export function sharedDataDir(...segments: string[]): string {
  const dir = join(REPO_ROOT, '..', 'shared', 'data', ...segments);
  if (!existsSync(dir)) {
    throw new Error(
      `Test data missing: ${dir} does not exist. Connector's tests read real data from ../shared/data beside the ` +
        'repository checkout; restore that folder to run them.',
    );
  }
  return dir;
}

/** Every file in a shared data folder whose name ends with `extension`, sorted; at least one or a loud failure. */
export function sharedDataFiles(folder: string, extension: string): string[] {
  const dir = sharedDataDir(folder);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0) {
    throw new Error(`Test data missing: no *${extension} files in ${dir}`);
  }
  return files;
}
