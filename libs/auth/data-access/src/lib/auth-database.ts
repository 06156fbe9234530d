import type { ServiceDatabaseDefinition } from '@connector/shared-database';
import { AuditEventEntity } from './entities/audit-event.entity';
import { AuthorizationCodeEntity } from './entities/authorization-code.entity';
import { AuthorizationRequestEntity } from './entities/authorization-request.entity';
import { ClientEntity } from './entities/client.entity';
import { GrantEntity } from './entities/grant.entity';
import { LaunchContextEntity } from './entities/launch-context.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { RevokedTokenEntity } from './entities/revoked-token.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { UserEntity } from './entities/user.entity';
import { AUTH_POSTGRES_MIGRATIONS, AUTH_SQLITE_MIGRATIONS } from './migrations/auth-migrations.constants';

/** Every table the auth service owns. */
export const AUTH_ENTITIES = [
  UserEntity,
  ClientEntity,
  SigningKeyEntity,
  AuthorizationRequestEntity,
  AuthorizationCodeEntity,
  GrantEntity,
  RefreshTokenEntity,
  LaunchContextEntity,
  RevokedTokenEntity,
  AuditEventEntity,
];

/** The auth service's database, for `ServiceDatabaseModule.forRoot(config, authDatabase())`. */
export function authDatabase(): ServiceDatabaseDefinition {
  return {
    service: 'auth',
    entities: AUTH_ENTITIES,
    postgresMigrations: AUTH_POSTGRES_MIGRATIONS,
    sqliteMigrations: AUTH_SQLITE_MIGRATIONS,
  };
}
