import { rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// Three builds write into one dist/, so it is cleared once here rather than by each of them.
rmSync('dist', { recursive: true, force: true });

const common: Options = { dts: true, sourcemap: true, target: 'node20', silent: true, clean: false };

export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'] },
  // vitest is ESM only: `import` registers the matchers with vitest's expect on load…
  { ...common, entry: { vitest: 'src/vitest.ts' }, format: ['esm'] },
  // …while `require` (which cannot load vitest) gets the same names and registers on request.
  { ...common, entry: { vitest: 'src/vitest-require.ts' }, format: ['cjs'] },
]);
