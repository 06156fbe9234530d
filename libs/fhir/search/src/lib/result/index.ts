export * from './subset-resource.util';
