#!/usr/bin/env node
// `npm run bench [seconds]`: compiles tools/bench and runs it (it builds the apps itself).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '../..');
execFileSync('npx', ['tsc', '-p', 'tools/tsconfig.bench.json'], { cwd: root, stdio: 'inherit' });
execFileSync('npx', ['tsc-alias', '-p', 'tools/tsconfig.bench.json'], { cwd: root, stdio: 'inherit' });
require(join(root, 'dist/tools-bench/tools/bench/src/main.js'));
