import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // type-graphql and the app must share one graphql module instance.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run files in two forks; each file gets its own temporary database.
    pool: 'forks',
    maxWorkers: 2,
  },
});
