export * from './lib/fhir-resource-service.module';
export * from './lib/resource.handler';
export * from './lib/resource.service';
export * from './lib/resource-service.constants';
