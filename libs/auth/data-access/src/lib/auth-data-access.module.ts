import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUTH_ENTITIES } from './auth-database';
import { AuditEventRepository } from './repositories/audit-event.repository';
import { AuthorizationCodeRepository } from './repositories/authorization-code.repository';
import { AuthorizationRequestRepository } from './repositories/authorization-request.repository';
import { ClientRepository } from './repositories/client.repository';
import { DatabaseHealthRepository } from './repositories/database-health.repository';
import { GrantRepository } from './repositories/grant.repository';
import { LaunchContextRepository } from './repositories/launch-context.repository';
import { RefreshTokenRepository } from './repositories/refresh-token.repository';
import { RevokedTokenRepository } from './repositories/revoked-token.repository';
import { SigningKeyRepository } from './repositories/signing-key.repository';
import { UserRepository } from './repositories/user.repository';

const REPOSITORIES = [
  UserRepository,
  ClientRepository,
  SigningKeyRepository,
  DatabaseHealthRepository,
  AuthorizationRequestRepository,
  AuthorizationCodeRepository,
  GrantRepository,
  RefreshTokenRepository,
  LaunchContextRepository,
  RevokedTokenRepository,
  AuditEventRepository,
];

/**
 * The auth repositories. Needs the auth database connection in the importing module:
 * `ServiceDatabaseModule.forRoot(config, authDatabase())`.
 */
@Module({
  imports: [TypeOrmModule.forFeature(AUTH_ENTITIES)],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class AuthDataAccessModule {}
