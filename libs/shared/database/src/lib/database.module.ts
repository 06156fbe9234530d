import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ConnectorConfig } from '@connector/shared-config';
import { databaseDialect, postgresSchemaOf, serviceDatabaseOptions, type ServiceDatabaseDefinition } from './database-options';
import { ensurePostgresSchema } from './ensure-postgres-schema';
import { runMigrationsExclusively } from './run-migrations';

/** The TypeORM connection of one service, created (and migrated) from its {@link ServiceDatabaseDefinition}. */
@Module({})
export class ServiceDatabaseModule {
  static forRoot(config: ConnectorConfig, definition: ServiceDatabaseDefinition): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            if (databaseDialect(config) === 'postgres' && config.databaseUrl) {
              await ensurePostgresSchema(config.databaseUrl, postgresSchemaOf(config, definition.service));
            }
            return serviceDatabaseOptions(config, definition);
          },
          // Migrations run here, under a lock, instead of through TypeORM's unlocked `migrationsRun`.
          dataSourceFactory: async (options?: DataSourceOptions) => {
            if (!options) {
              throw new Error(`No database options for the ${definition.service} service`);
            }
            const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
            await runMigrationsExclusively(dataSource, `connector-migrations:${definition.service}:${postgresSchemaOf(config, definition.service)}`);
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
