import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorConfig } from '@connector/shared-config';
import type { DataSourceOptions, MixedList } from 'typeorm';

/* eslint-disable @typescript-eslint/no-unsafe-function-type -- TypeORM's own MixedList<Function> signature */
export interface ServiceDatabaseDefinition {
  /** The service that owns this database; names the SQLite file and the default PostgreSQL schema. */
  readonly service: string;
  readonly entities: MixedList<Function>;
  /** Migrations per dialect: the schema is created by migrations, never by `synchronize`. */
  readonly postgresMigrations: MixedList<Function>;
  readonly sqliteMigrations: MixedList<Function>;
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */

export type DatabaseDialect = 'postgres' | 'sqlite';

/** Embedded mode (or no DATABASE_URL) uses SQLite under the data dir; otherwise PostgreSQL. */
export function databaseDialect(config: ConnectorConfig): DatabaseDialect {
  return config.databaseUrl ? 'postgres' : 'sqlite';
}

/** The PostgreSQL schema a service's tables live in (each service owns its own). */
export function postgresSchemaOf(config: ConnectorConfig, service: string): string {
  return config.databaseSchema ?? service;
}

/**
 * TypeORM options for one service's own database: `${dataDir}/${service}.sqlite` (WAL, so a running server and
 * an import CLI can share the file) or the service's own schema in PostgreSQL. Migrations run at start-up.
 */
export function serviceDatabaseOptions(config: ConnectorConfig, definition: ServiceDatabaseDefinition): DataSourceOptions {
  if (databaseDialect(config) === 'postgres') {
    return {
      type: 'postgres',
      url: config.databaseUrl,
      schema: postgresSchemaOf(config, definition.service),
      entities: definition.entities,
      migrations: definition.postgresMigrations,
      migrationsRun: true,
      migrationsTableName: 'typeorm_migrations',
      synchronize: false,
      extra: { max: 10, application_name: `connector-${definition.service}` },
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  return {
    type: 'better-sqlite3',
    database: join(config.dataDir, `${definition.service}.sqlite`),
    entities: definition.entities,
    migrations: definition.sqliteMigrations,
    migrationsRun: true,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    enableWAL: true,
    // Another process (the import CLI) may hold the write lock for a moment: wait instead of failing.
    timeout: 10000,
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('busy_timeout = 10000');
      db.pragma('synchronous = NORMAL');
    },
  };
}
