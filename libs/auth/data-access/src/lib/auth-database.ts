import type { ServiceDatabaseDefinition } from '@connector/shared-database';
import { ClientEntity } from './entities/client.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { UserEntity } from './entities/user.entity';
import { AUTH_POSTGRES_MIGRATIONS, AUTH_SQLITE_MIGRATIONS } from './migrations/auth-migrations.constants';

/** Every table the auth service owns. */
export const AUTH_ENTITIES = [UserEntity, ClientEntity, SigningKeyEntity];

/** The auth service's database, for `ServiceDatabaseModule.forRoot(config, authDatabase())`. */
export function authDatabase(): ServiceDatabaseDefinition {
  return {
    service: 'auth',
    entities: AUTH_ENTITIES,
    postgresMigrations: AUTH_POSTGRES_MIGRATIONS,
    sqliteMigrations: AUTH_SQLITE_MIGRATIONS,
  };
}
