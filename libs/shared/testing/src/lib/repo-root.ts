import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder above this file holding nx.json. Found by walking up rather than by a
 * fixed `../..` because this code also runs compiled from dist/ (the bench), at a different depth.
 */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No nx.json above ${start}: cannot locate the repository root`);
    }
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot(__dirname);
