import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks',
} as const;

/** The core and contract suites, run a second time with the core on PostgreSQL. */
const ON_BOTH_ENGINES = ['broker', 'records', 'policy', 'contract', 'auth', 'users', 'rpc', 'audit', 'reports', 'server'].map((d) => `test/unit/${d}/**/*.test.ts`);

export default defineConfig({
  test: {
    // The command-line tests run the compiled `rab`; rebuild it when its sources changed.
    globalSetup: ['test/helpers/build-cli.ts'],
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlcipher',
          include: ['test/unit/**/*.test.ts', 'electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts'],
        },
      },
      // Only where a PostgreSQL is at hand: `npm test` always starts one (scripts/with-postgres.sh).
      ...(process.env.RAB_TEST_DATABASE_URL
        ? [{ test: { ...shared, name: 'postgres', include: ON_BOTH_ENGINES, env: { RAB_TEST_ENGINE: 'postgres' } } }]
        : []),
    ],
  },
});
