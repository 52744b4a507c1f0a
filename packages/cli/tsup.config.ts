import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', bin: 'src/bin.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  silent: true,
  // The demo is the example's own code (examples/vaggeryd-year), bundled so the bin runs it as is.
  noExternal: ['@pinnstatistik/example-vaggeryd-year'],
});
