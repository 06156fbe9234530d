export * from './lib/demo-seed';
export * from './lib/embedded-server';
export * from './lib/embedded-services';
