import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          globalSetup: ['server/test/demo-fixture.setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
          // One retry for browser tests (Playwright's own CI default is two): a clean-clone run on 2026-11-26 saw the
          // platform test's reveal dialog vanish once between filling and clicking; it passed in the other full runs.
          // A test that fails twice still fails the run. See the session notes.
          retry: 1,
          globalSetup: ['server/test/demo-fixture.setup.ts'],
        },
      },
    ],
  },
});
