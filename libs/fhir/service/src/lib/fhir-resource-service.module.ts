import { type DynamicModule, Module } from '@nestjs/common';
import type { ResourceServiceName } from '@connector/contracts';
import { ResourceStore, resourceStoreDatabase } from '@connector/fhir-store';
import type { ConnectorConfig } from '@connector/shared-config';
import { ServiceDatabaseModule } from '@connector/shared-database';
import { RESOURCE_SERVICE_NAME } from './resource-service.constants';
import { createResourceHandler } from './resource.handler';
import { ResourceService } from './resource.service';

/**
 * A resource-holding service (chart, practice or terminology): its own store database and the handlers of its
 * `<service>.resource.*` and `<service>.health.check` subjects.
 */
@Module({})
export class FhirResourceServiceModule {
  static forRoot(service: ResourceServiceName, config: ConnectorConfig): DynamicModule {
    return {
      module: FhirResourceServiceModule,
      imports: [ServiceDatabaseModule.forRoot(config, resourceStoreDatabase(service))],
      controllers: [createResourceHandler(service)],
      providers: [{ provide: RESOURCE_SERVICE_NAME, useValue: service }, ResourceStore, ResourceService],
      exports: [ResourceStore, ResourceService],
    };
  }
}
