// Shared jest settings: swc for speed (type checking is `npm run typecheck`), path aliases from tsconfig.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@huiqi/(policies|workflow|config|database|queues|common|core)$': '<rootDir>/libs/$1/src',
    '^@huiqi/(policies|workflow|config|database|queues|common|core)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
