#!/usr/bin/env node
// `npm run connector -- <command>`: runs the CLI (tools/cli) from dist/tools, compiling it first when the output is
// missing or older than any source it is built from (the CLI includes the services, so every lib counts).
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, renameSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '../..');
const outDir = join(root, 'dist/tools');
const main = join(outDir, 'tools/cli/src/main.js');
const sources = ['tools/cli/src', 'libs', 'tsconfig.base.json', 'tools/tsconfig.cli.json'].map((path) =>
  join(root, path),
);

/** Newest modification time (ms) of the compiled inputs under `path`: .ts files that are not specs, and JSON. */
function newestSource(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) {
    return 0;
  }
  if (stats.isFile()) {
    return /\.json$|(?<!\.spec)\.ts$/.test(path) ? stats.mtimeMs : 0;
  }
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
      newest = Math.max(newest, newestSource(join(path, entry.name)));
    }
  }
  return newest;
}

function isStale() {
  const built = statSync(main, { throwIfNoEntry: false });
  return !built || sources.some((source) => newestSource(source) > built.mtimeMs);
}

/** Compiles into a staging directory and swaps it in, so a concurrent run never loads a half-written build. */
function build() {
  const staging = `${outDir}.build-${process.pid}`;
  process.stderr.write('Compiling the connector CLI (tools/tsconfig.cli.json)...\n');
  // Compiler output goes to stderr: stdout belongs to the CLI's own report.
  const stdio = ['ignore', process.stderr, 'inherit'];
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tools/tsconfig.cli.json', '--outDir', staging],
      { cwd: root, stdio },
    );
    execFileSync(
      process.execPath,
      [require.resolve('tsc-alias/dist/bin/index.js'), '-p', 'tools/tsconfig.cli.json', '--outDir', staging],
      { cwd: root, stdio },
    );
  } catch {
    rmSync(staging, { recursive: true, force: true });
    process.stderr.write('Compiling the connector CLI failed (see the errors above).\n');
    process.exit(1);
  }
  const previous = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) {
    renameSync(outDir, previous);
  }
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
}

if (isStale()) {
  build();
}
require(main);
