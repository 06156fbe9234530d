export * from './lib/dto/auth.dto';
export * from './lib/dto/include.dto';
export * from './lib/dto/resource.dto';
export * from './lib/dto/search.dto';
export * from './lib/fhir-patterns.constants';
export * from './lib/resource-ownership.constants';
export * from './lib/services.constants';
export * from './lib/subjects.constants';
