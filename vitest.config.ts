import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests, database tests (PGlite by default, PostgreSQL when
// FUWU_TEST_DATABASE_URL is set) and browser tests in Debian Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'db',
          include: ['test/db/**/*.test.ts', 'test/api/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
