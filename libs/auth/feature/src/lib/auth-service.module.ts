import { type DynamicModule, Module } from '@nestjs/common';
import { AuthDataAccessModule, authDatabase } from '@connector/auth-data-access';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { ServiceDatabaseModule } from '@connector/shared-database';
import { AuthHandler } from './auth.handler';
import { ClientAdminService } from './clients/client-admin.service';
import { AuthHealthService } from './health/auth-health.service';
import { SigningKeyService } from './keys/signing-key.service';
import { AccessTokenService } from './token/access-token.service';
import { PasswordGrantModel } from './token/password-grant.model';
import { TokenEndpointService } from './token/token-endpoint.service';
import { UserAdminService } from './users/user-admin.service';

/** The auth service: OAuth 2.0 token endpoint, JWKS, users and clients, over its own database. */
@Module({})
export class AuthServiceModule {
  static forRoot(config: ConnectorConfig): DynamicModule {
    return {
      module: AuthServiceModule,
      imports: [ServiceDatabaseModule.forRoot(config, authDatabase()), AuthDataAccessModule],
      controllers: [AuthHandler],
      providers: [
        { provide: CONNECTOR_CONFIG, useValue: config },
        SigningKeyService,
        AccessTokenService,
        PasswordGrantModel,
        TokenEndpointService,
        UserAdminService,
        ClientAdminService,
        AuthHealthService,
      ],
    };
  }
}
