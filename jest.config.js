// Two Jest projects, run together by `npm test`, alone with `--selectProjects unit|integration`:
//   unit         no PostgreSQL and no Redis. Loopback HTTP servers a test starts in-process (the
//                audit-engine fixture sites, a fake engine endpoint) are allowed.
//   integration  everything that needs PostgreSQL (startTestServer, createTestDatabase) or Redis.
// Only the integration project has the PostgreSQL globalSetup, and Jest runs a project's
// globalSetup only when at least one of its tests runs: the unit project never starts or needs it.
// A unit test that reaches for PostgreSQL anyway fails, even in a full run (test/helpers/unit-setup.ts).

/**
 * The test files that need PostgreSQL or Redis; every other test file is a unit test. Read in order,
 * like .gitignore: a later `!` takes files back out.
 */
const integrationTests = [
  '**/test/api-keys/**/*.test.ts',
  '**/test/audits/**/*.test.ts',
  '!**/test/audits/progress-stream.test.ts', // the stream logic alone, on a fake feed
  '**/test/auth/**/*.test.ts',
  '**/test/hardening/**/*.test.ts',
  '**/test/infra/database.test.ts',
  '**/test/infra/rate-limit/redis-store.test.ts',
  '**/test/infra/rate-limit/leased-store.test.ts',
  '**/test/quotas/**/*.test.ts',
  '**/test/security/**/*.test.ts',
  '**/test/server/**/*.test.ts',
  '**/test/workspaces/**/*.test.ts',
  '**/test/projects/**/*.test.ts',
  '**/test/webhooks/**/*.test.ts',
  '**/test/reports/**/*.test.ts',
  '**/test/ops/**/*.test.ts',
  '**/test/examples/**/*.test.ts',
];
/** The unit project's testMatch: all test files, then each integration glob inverted, in order. */
const not = (glob) => (glob.startsWith('!') ? glob.slice(1) : `!${glob}`);

// Jest runs the TypeScript sources through SWC (legacy decorators + metadata, as type-graphql needs).
/** Shared by both projects. @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2023',
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
};

/** @type {import('jest').Config} */
export default {
  // Run-wide options (Jest reads these from the top level only): the same for both projects.
  maxWorkers: 2,
  // A guard against hangs, not a speed check (npm run bench is): generous, because these machines
  // are shared and a real server, database and browser per file start slowly under load.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/test/**/*.test.ts', ...integrationTests.map(not)],
      setupFiles: ['<rootDir>/test/helpers/unit-setup.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: integrationTests,
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
  ],
};
