import { aliases, swcOptions } from './tools/ts-hooks.mjs';

const moduleNameMapper = Object.fromEntries(
  Object.entries(aliases).map(([name, [target]]) => [`^${name.replace('/', '\\/')}$`, `<rootDir>/${target}`]),
);

/** Unit tests (`*.spec.ts`) and integration tests (`*.int-spec.ts`) against real PostgreSQL and NATS. */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,tools}/**/*.{spec,int-spec}.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, sourceMaps: 'inline', swcrc: false }] },
  testTimeout: 60_000,
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};
