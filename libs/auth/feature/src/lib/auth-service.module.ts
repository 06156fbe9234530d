import { type DynamicModule, Module } from '@nestjs/common';
import { AuthDataAccessModule, authDatabase } from '@connector/auth-data-access';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import type { InProcessBus } from '@connector/shared-transport';
import { ServiceDatabaseModule } from '@connector/shared-database';
import { AuditTrailService } from './audit/audit-trail.service';
import { AUTH_CLOCK } from './auth-clock';
import { AuthorizationCodeIssuer } from './authorize/authorization-code.issuer';
import { AuthorizeFlowService } from './authorize/authorize-flow.service';
import { AuthorizeStartService } from './authorize/authorize-start.service';
import { LaunchContextService } from './authorize/launch-context.service';
import { PatientContextResolver } from './authorize/patient-context.resolver';
import { PatientDirectoryService } from './authorize/patient-directory.service';
import { resourceServiceClientsProviders } from './authorize/resource-service-clients.provider';
import { AuthHandler } from './auth.handler';
import { ClientAssertionVerifier } from './clients/client-assertion.verifier';
import { ClientAdminService } from './clients/client-admin.service';
import { TokenRequestEndpoint } from './clients/token-request-endpoint.service';
import { ClientAuthenticatorService } from './clients/client-authenticator.service';
import { AuthHealthService } from './health/auth-health.service';
import { AuthHousekeepingService } from './housekeeping/auth-housekeeping.service';
import { IssuedTokenService } from './introspection/issued-token.service';
import { TokenIntrospectionService } from './introspection/token-introspection.service';
import { SigningKeyService } from './keys/signing-key.service';
import { TokenRevocationService } from './revocation/token-revocation.service';
import { TokenStatusService } from './revocation/token-status.service';
import { LoginThrottleService } from './throttle/login-throttle.service';
import { AccessTokenService } from './token/access-token.service';
import { IdTokenService } from './token/id-token.service';
import { TokenEndpointService } from './token/token-endpoint.service';
import { UserAdminService } from './users/user-admin.service';
import { UserCredentialsService } from './users/user-credentials.service';

/**
 * The auth service: OAuth 2.0 / SMART App Launch authorization server (authorize pages, token, introspection,
 * revocation, launch contexts), JWKS, users and clients, over its own database. `bus`: the in-process bus of embedded
 * mode, over which the patient picker reaches the chart service (NATS in distributed mode).
 */
@Module({})
export class AuthServiceModule {
  static forRoot(config: ConnectorConfig, bus?: InProcessBus): DynamicModule {
    return {
      module: AuthServiceModule,
      imports: [ServiceDatabaseModule.forRoot(config, authDatabase()), AuthDataAccessModule],
      controllers: [AuthHandler],
      providers: [
        { provide: CONNECTOR_CONFIG, useValue: config },
        SigningKeyService,
        AccessTokenService,
        IdTokenService,
        UserCredentialsService,
        AuthorizeFlowService,
        AuthorizeStartService,
        AuthorizationCodeIssuer,
        PatientContextResolver,
        PatientDirectoryService,
        LaunchContextService,
        ...resourceServiceClientsProviders(config, bus),
        TokenEndpointService,
        UserAdminService,
        ClientAdminService,
        AuthHealthService,
        ClientAssertionVerifier,
        ClientAuthenticatorService,
        TokenRequestEndpoint,
        IssuedTokenService,
        TokenIntrospectionService,
        TokenRevocationService,
        TokenStatusService,
        { provide: AUTH_CLOCK, useValue: () => Date.now() },
        AuditTrailService,
        LoginThrottleService,
        AuthHousekeepingService,
      ],
    };
  }
}
