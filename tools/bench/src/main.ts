import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApps,
  createTestDatabase,
  DistributedTopology,
  distributedInfrastructure,
  REPO_ROOT,
  runCli,
  startApp,
  waitForStatus,
} from '@connector/shared-testing';
import { type LoadResult, runLoad } from './autocannon-run';
import { startCeilingServer } from './ceiling-server';
import { runFormatsBench } from './formats/formats-bench';
import { runSearchBench } from './search/search-bench';

/*
 * `npm run bench -- search [options]`: the search benchmark on PostgreSQL (see search/search-bench.ts).
 * `npm run bench -- formats [count]`: JSON ⇄ XML conversion against the `fhir` package (see formats/formats-bench.ts).
 * `npm run bench`: Patient read throughput on this machine, in one run — (1) the bare node:http ceiling serving the
 * same bytes, (2) embedded mode, (3) distributed mode (gateway → NATS → chart → PostgreSQL) — plus idle RSS per
 * process. Benchmarks are measurements, not tests: nothing here asserts; the README records the figures.
 */

const SECONDS = Number(process.argv[2] ?? 10);
const DEMO = { clientId: 'demo-app', secret: 'demo-secret', username: 'demo-provider', password: 'demo' };

async function passwordToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${DEMO.clientId}:${DEMO.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'password', username: DEMO.username, password: DEMO.password }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) {
    throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

async function firstPatientId(baseUrl: string, token: string, candidates: string[]): Promise<string> {
  for (const id of candidates) {
    const response = await fetch(`${baseUrl}/fhir/Patient/${id}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.ok) {
      return id;
    }
  }
  throw new Error('no readable Patient for the benchmark');
}

function percentOf(result: LoadResult, ceiling: LoadResult): string {
  return `${((100 * result.requestsPerSecond) / ceiling.requestsPerSecond).toFixed(1)} %`;
}

interface Measurements {
  results: LoadResult[];
  rss: Record<string, number>;
}

async function benchEmbedded(fixture: string, patientId: string, out: Measurements): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'connector-bench-data-'));
  const env = { CONNECTOR_DATA_DIR: dataDir, PORT: '18080', HOST: '127.0.0.1', NATS_URL: '' };
  const base = 'http://127.0.0.1:18080';
  // Start first (an empty store gets the demo accounts), then import into the running server's data dir.
  const embedded = await startApp('gateway', { ...env, LOG_LEVEL: 'info' }, 'Connector listening');
  try {
    await waitForStatus(`${base}/health/ready`, 200);
    await runCli(['import', fixture], { ...env, LOG_LEVEL: 'warn' });
    const token = await passwordToken(base);
    const readId = await firstPatientId(base, token, [patientId]);
    const sample = await fetch(`${base}/fhir/Patient/${readId}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await sample.text();
    const contentType = sample.headers.get('content-type') ?? 'application/fhir+json; charset=utf-8';

    const ceiling = await startCeilingServer(body, contentType);
    out.results.push(await runLoad('ceiling: bare node:http, same bytes', ceiling.url, {}, SECONDS));
    await ceiling.close();

    await new Promise((r) => setTimeout(r, 2000));
    out.rss['embedded (gateway + 4 services, idle)'] = embedded.rssKiB();
    out.results.push(
      await runLoad('embedded: GET /fhir/Patient/{id}', `${base}/fhir/Patient/${readId}`, { authorization: `Bearer ${token}` }, SECONDS),
    );
    // The same read as FHIR XML (issue 4's target: >= 70 % of the JSON read).
    out.results.push(
      await runLoad(
        'embedded: GET /fhir/Patient/{id} as XML',
        `${base}/fhir/Patient/${readId}`,
        { authorization: `Bearer ${token}`, accept: 'application/fhir+xml' },
        SECONDS,
      ),
    );
  } finally {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchDistributed(fixture: string, patientId: string, out: Measurements): Promise<void> {
  const database = await createTestDatabase('connector_bench');
  let topology: DistributedTopology | undefined;
  try {
    topology = await DistributedTopology.start({
      natsUrl: distributedInfrastructure().natsUrl,
      databaseUrl: database.url,
      port: 18081,
    });
    await runCli(['clients', 'add', '--client-id', DEMO.clientId, '--secret', DEMO.secret, '--scope', 'user/*.read patient/*.read', '--grant', 'password'], topology.env);
    await runCli(['users', 'add', '--username', DEMO.username, '--password', DEMO.password, '--role', 'provider'], topology.env);
    await runCli(['import', fixture], topology.env);
    await new Promise((r) => setTimeout(r, 2000));
    for (const [service, process] of topology.services) {
      out.rss[`distributed ${service} (idle)`] = process.rssKiB();
    }
    out.rss['distributed gateway (idle)'] = topology.gateway.rssKiB();
    const token = await passwordToken(topology.baseUrl);
    out.results.push(
      await runLoad('distributed: GET /fhir/Patient/{id} (NATS + PostgreSQL)', `${topology.baseUrl}/fhir/Patient/${patientId}`, { authorization: `Bearer ${token}` }, SECONDS),
    );
  } finally {
    await topology?.stop();
    await database.drop();
  }
}

function report({ results, rss }: Measurements): void {
  const [ceilingResult] = results;
  console.log(`\nPatient read, ${SECONDS} s per run, 50 connections, loopback, ${new Date().toISOString()}`);
  console.log('| run | req/s | p50 ms | p99 ms | % of ceiling | errors | non-2xx |');
  console.log('|---|---|---|---|---|---|---|');
  for (const result of results) {
    console.log(
      `| ${result.label} | ${Math.round(result.requestsPerSecond)} | ${result.p50Ms} | ${result.p99Ms} | ${ceilingResult ? percentOf(result, ceilingResult) : '-'} | ${result.errors} | ${result.non2xx} |`,
    );
  }
  console.log('\n| process | idle RSS MiB |\n|---|---|');
  for (const [name, kib] of Object.entries(rss)) {
    console.log(`| ${name} | ${(kib / 1024).toFixed(0)} |`);
  }
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench-results', `read-${Date.now()}.json`), JSON.stringify({ results, rss }, null, 2));
}

async function benchReads(): Promise<void> {
  await buildApps();
  const patientId = 'bench-patient-1';
  const fixture = join(mkdtempSync(join(tmpdir(), 'connector-bench-')), 'patient.json');
  const patient = { resourceType: 'Patient', id: patientId, name: [{ family: 'Bench', given: ['Mark'] }], gender: 'female', birthDate: '1970-01-01' };
  writeFileSync(fixture, JSON.stringify(patient));
  const measurements: Measurements = { results: [], rss: {} };
  await benchEmbedded(fixture, patientId, measurements);
  await benchDistributed(fixture, patientId, measurements);
  report(measurements);
}

const benches: Record<string, () => Promise<void>> = {
  search: () => runSearchBench(process.argv.slice(3)),
  formats: async () => runFormatsBench(process.argv.slice(3)),
};
const run = benches[process.argv[2] ?? ''] ?? benchReads;

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
