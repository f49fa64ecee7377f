export * from './roles';
export * from './uscc';
export * from './bank-account';
export * from './zones';
