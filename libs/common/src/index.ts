export * from './roles';
export * from './uscc';
export * from './bank-account';
export * from './zones';
export * from './i18n';
export * from './references';
export * from './chinese-amount';
