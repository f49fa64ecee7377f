export * from './entities';
export * from './migrations';
export * from './data-source-options';
export * from './ensure-database';
export * from './migrate';
export * from './preflight';
export * from './transformers';
