export * from './language';
export * from './messages';
export * from './localize';
