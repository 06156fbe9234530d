import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ConnectorConfig } from '@connector/shared-config';
import { databaseDialect, postgresSchemaOf, serviceDatabaseOptions, type ServiceDatabaseDefinition } from './database-options';
import { ensurePostgresSchema } from './ensure-postgres-schema';

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
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
