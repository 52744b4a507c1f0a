import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Breaks an attacker has shown that are not closed yet: each test asserts the privacy claim and
// fails today. Kept out of `pnpm test` (CI runs what must hold), run on their own with
// `pnpm test:open-breaks`; each file's header says what it shows, and docs/privacy-at-rest.md
// states the residual until it is closed.
export default defineConfig(async (env) => {
  const resolved = await base(env);
  return {
    ...resolved,
    test: {
      ...resolved.test,
      include: ['packages/*/open-breaks/*.test.ts'],
      // None open is the goal: then there is nothing to run.
      passWithNoTests: true,
      exclude: [...configDefaults.exclude, '**/dist/**'],
    },
  };
});
