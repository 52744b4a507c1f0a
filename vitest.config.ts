import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the packages' sources; one test (packages/exports.test.ts) spawns
// plain Node processes to prove the *built* packages load through their export maps.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@pinnstatistik\/core\/testing$/, replacement: here('./packages/core/src/testing/index.ts') },
      { find: /^@pinnstatistik\/testing\/vitest$/, replacement: here('./packages/testing/src/vitest.ts') },
      { find: /^@pinnstatistik\/([a-z-]+)$/, replacement: here('./packages/$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/**/*.test.ts', 'examples/**/*.test.ts', 'docs/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    reporters: ['default', ['json', { outputFile: './reports/vitest.json' }]],
    testTimeout: 30_000,
  },
});
