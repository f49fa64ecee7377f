export * from './config';
export * from './config.module';
export * from './process-flags';
export * from './secrets';
