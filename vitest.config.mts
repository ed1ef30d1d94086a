import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // type-graphql and the app must share one graphql module instance.
    // graphql-query-complexity's ESM build imports 'graphql/index.mjs' and 'graphql/execution/values.mjs'.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }, { find: /^graphql\/(.+)\.mjs$/, replacement: 'graphql/$1.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Processed by vite (not loaded by Node) so the alias above reaches its `import 'graphql'` too.
    server: { deps: { inline: ['graphql-query-complexity'] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: run files in two forks; each file gets its own temporary database.
    pool: 'forks',
    maxWorkers: 2,
  },
});
