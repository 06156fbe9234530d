#!/usr/bin/env node
// `npm run test:distributed`: the suites that need real NATS and PostgreSQL. Off CI, with neither reachable, it
// says so loudly and skips; on CI (CI=true) unreachable infrastructure is a failure, never a silent pass.
const { spawnSync } = require('node:child_process');
const { Socket } = require('node:net');

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

async function main() {
  const nats = new URL(process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222');
  const pg = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const missing = [];
  if (!(await reachable(nats.hostname, Number(nats.port || 4222)))) missing.push(`NATS at ${nats.host}`);
  if (!(await reachable(pg.hostname, Number(pg.port || 5432)))) missing.push(`PostgreSQL at ${pg.host}`);
  if (missing.length > 0) {
    const message = `The distributed suite needs ${missing.join(' and ')}, which cannot be reached.`;
    if (process.env.CI === 'true') {
      console.error(`FAIL: ${message}`);
      process.exit(1);
    }
    console.warn(`\n*** SKIPPED: ${message} Start them (see README) and run again. ***\n`);
    process.exit(0);
  }
  const jest = require.resolve('jest/bin/jest');
  const args = [jest, '--config', 'jest.distributed.config.js', '--runInBand', ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

void main();
