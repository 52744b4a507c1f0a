import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Breaks an attacker has shown that are not closed yet: each test asserts the privacy claim and
// fails today. Kept out of `pnpm test` (CI runs what must hold), run on their own with
// `pnpm test:open-breaks`; each file's header says what it shows, and docs/privacy-at-rest.md
// states the residual until it is closed.
export default defineConfig(async (env) => {
  const resolved = await base(env);
  // Not the base's projects: each names its own files, which would replace these.
  const { projects: _projects, ...test } = resolved.test ?? {};
  return {
    ...resolved,
    test: {
      ...test,
      include: ['packages/*/open-breaks/*.test.ts'],
      // None open is the goal: then there is nothing to run.
      passWithNoTests: true,
      exclude: [...configDefaults.exclude, '**/dist/**'],
    },
  };
});
