import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure, beside the code as x.test.ts), `db` (x.int.test.ts:
// PGlite by default, PostgreSQL when DATABASE_URL is set) and `e2e` (browser
// journeys in e2e/, against a running app in Debian's Chromium).
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one, on a 2-core machine. The tests wait on
    // the database as much as they compute, so two workers keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          // Test files share each worker's modules instead of importing the app afresh for every file
          // (import time fell from about 300 s to 33 s a run, ci/run's npm test by about 3 minutes). The
          // tests keep apart by their own databases and ids, not by module state.
          isolate: false,
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          isolate: false,
          include: ['src/**/*.int.test.ts'],
          globalSetup: ['src/testing/dbGlobalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
