import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests, database tests (PGlite by default, PostgreSQL when
// FUWU_TEST_DATABASE_URL is set) and browser tests in Debian Chromium.
// Tests hash passwords at scrypt N=2^14 (about 70 ms), not production's 2^17 (about 0.75 s, 128 MiB):
// the suite makes hundreds of users. Servers started by the browser tests inherit it.
const env = { FUWU_PASSWORD_COST: '14' };

export default defineConfig({
  test: {
    projects: [
      // Property tests run hundreds of cases: 30 s, not the default 5, so a busy shared machine does
      // not fail them (speed is measured in the benchmarks, never here).
      { test: { name: 'unit', env, include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'db',
          env,
          include: ['test/db/**/*.test.ts', 'test/api/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          env,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
