import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUTH_ENTITIES } from './auth-database';
import { ClientRepository } from './repositories/client.repository';
import { DatabaseHealthRepository } from './repositories/database-health.repository';
import { SigningKeyRepository } from './repositories/signing-key.repository';
import { UserRepository } from './repositories/user.repository';

const REPOSITORIES = [UserRepository, ClientRepository, SigningKeyRepository, DatabaseHealthRepository];

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
