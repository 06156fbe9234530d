import { randomBytes } from 'node:crypto';
import type { ResourceServiceName } from '@connector/contracts';
import { ResourceService } from '@connector/fhir-service';
import { ResourceStore, resourceStoreDatabase } from '@connector/fhir-store';
import { configFrom } from '@connector/shared-config';
import { ensurePostgresSchema, serviceDatabaseOptions } from '@connector/shared-database';
import { distributedInfrastructure } from '@connector/shared-testing';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { StatementTimer } from './statement-timer';

/** One resource-holding service's database, opened exactly as the distributed service opens it. */
export interface BenchStore {
  readonly service: ResourceServiceName;
  readonly schema: string;
  /** The `application_name` of its connections: how the bench finds its own backends (CPU time). */
  readonly applicationName: string;
  readonly dataSource: DataSource;
  /** Times the statements the DataSource runs, by kind. */
  readonly statements: StatementTimer;
  /** What the service's NATS handler delegates to: ownership check, parse, store. */
  readonly resources: ResourceService;
}

/** The stores of one run (one fresh schema per service); `drop()` removes the schemas again. */
export interface BenchStores {
  readonly byService: ReadonlyMap<ResourceServiceName, BenchStore>;
  readonly databaseUrl: string;
  get(service: ResourceServiceName): BenchStore;
  drop(): Promise<void>;
  /** Closes the connections and leaves the schemas; returns the statement that drops them. */
  keep(): Promise<string>;
}

/** The machine's `test` database (the admin URL's server and credentials), where scratch schemas belong. */
function benchDatabaseUrl(): string {
  const url = new URL(distributedInfrastructure().adminDatabaseUrl);
  url.pathname = '/test';
  return url.toString();
}

async function openStore(databaseUrl: string, service: ResourceServiceName, runId: string): Promise<BenchStore> {
  const schema = `bench_search_${service}_${runId}`;
  await ensurePostgresSchema(databaseUrl, schema);
  // NATS_URL cleared: the schema, not the transport, is what this config is for.
  const config = configFrom({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, NATS_URL: undefined });
  const options = serviceDatabaseOptions(config, resourceStoreDatabase(service));
  const applicationName = `bench-search-${service}-${runId}`;
  // Idle connections kept (idleTimeoutMillis 0): their backends' CPU time is read at the end of each phase.
  const extra = { ...(options.extra as object), application_name: applicationName, idleTimeoutMillis: 0 };
  const dataSource = new DataSource({ ...options, extra } as DataSourceOptions);
  try {
    await dataSource.initialize();
  } catch (error) {
    await dropSchema(databaseUrl, schema);
    throw error;
  }
  const statements = new StatementTimer();
  dataSource.subscribers.push(statements);
  return { service, schema, applicationName, dataSource, statements, resources: new ResourceService(new ResourceStore(dataSource), service) };
}

/** For a schema whose DataSource never opened (a failed migration): nothing else would remove it. */
async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Fresh, migrated schemas `bench_search_<service>_<random>` in the `test` database for `services`. The schema name
 * is generated here (hex), never taken from input, so it can be written into DROP SCHEMA.
 */
export async function openBenchStores(services: readonly ResourceServiceName[]): Promise<BenchStores> {
  const databaseUrl = benchDatabaseUrl();
  const runId = randomBytes(4).toString('hex');
  const byService = new Map<ResourceServiceName, BenchStore>();
  const drop = async () => {
    for (const store of byService.values()) {
      await store.dataSource.query(`DROP SCHEMA IF EXISTS "${store.schema}" CASCADE`);
      await store.dataSource.destroy();
    }
    byService.clear();
  };
  try {
    for (const service of services) {
      byService.set(service, await openStore(databaseUrl, service, runId));
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    byService,
    databaseUrl,
    get: (service) => {
      const store = byService.get(service);
      if (store === undefined) {
        throw new Error(`no bench store for the ${service} service`);
      }
      return store;
    },
    drop,
    keep: async () => {
      const schemas = [...byService.values()].map((store) => `"${store.schema}"`);
      for (const store of byService.values()) {
        await store.dataSource.destroy();
      }
      byService.clear();
      return `DROP SCHEMA ${schemas.join(', ')} CASCADE;`;
    },
  };
}
