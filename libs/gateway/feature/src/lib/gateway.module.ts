import { type DynamicModule, Module } from '@nestjs/common';
import { CONNECTOR_CONFIG, type ConnectorConfig } from '@connector/shared-config';
import { SERVICE_CLIENTS, type ServiceClients } from '@connector/shared-transport';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { JwksService } from './auth/jwks.service';
import { CLOCK, type Clock } from './clock';
import { FhirFallbackController } from './fhir/fhir-fallback.controller';
import { FhirController } from './fhir/fhir.controller';
import { MetadataService } from './fhir/metadata.service';
import { ResourceHistoryService } from './fhir/resource-history.service';
import { ResourceReadService } from './fhir/resource-read.service';
import { ResourceSearchService } from './fhir/resource-search.service';
import { SmartConfigurationService } from './fhir/smart-configuration.service';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { JwksController } from './oauth/jwks.controller';
import { AuthorizePageService } from './oauth/authorize-page.service';
import { AuthorizeController } from './oauth/authorize.controller';
import { LaunchController } from './oauth/launch.controller';
import { LaunchService } from './oauth/launch.service';
import { OpenIdConfigurationController } from './oauth/openid-configuration.controller';
import { SmartStyleController } from './oauth/smart-style.controller';
import { TokenIntrospectionController } from './oauth/token-introspection.controller';
import { TokenRevocationController } from './oauth/token-revocation.controller';
import { TokenController } from './oauth/token.controller';
import { TokenService } from './oauth/token.service';

/** The gateway's HTTP edge: FHIR routes, OAuth endpoints and health probes, reaching services only via clients. */
@Module({})
export class GatewayModule {
  static forRoot(config: ConnectorConfig, clients: ServiceClients): DynamicModule {
    const clock: Clock = () => Date.now();
    return {
      module: GatewayModule,
      controllers: [
        FhirController,
        FhirFallbackController,
        TokenController,
        TokenIntrospectionController,
        TokenRevocationController,
        JwksController,
        HealthController,
        AuthorizeController,
        LaunchController,
        OpenIdConfigurationController,
        SmartStyleController,
      ],
      providers: [
        { provide: CONNECTOR_CONFIG, useValue: config },
        { provide: SERVICE_CLIENTS, useValue: clients },
        { provide: CLOCK, useValue: clock },
        JwksService,
        AccessTokenVerifier,
        BearerAuthGuard,
        MetadataService,
        SmartConfigurationService,
        ResourceReadService,
        ResourceHistoryService,
        ResourceSearchService,
        TokenService,
        AuthorizePageService,
        LaunchService,
        HealthService,
      ],
    };
  }
}
