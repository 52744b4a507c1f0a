import { defineConfig } from 'tsup';

const common = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  sourcemap: true,
  target: 'node20' as const,
  silent: true,
};

export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, dts: true, clean: true, shims: true },
  // The opening worker carries the few parts of core it uses (ciphers, sealer, unpadding): loading
  // all of core made its start ≈ 0.3 s, longer than a replay of 50,000 events.
  {
    ...common,
    entry: { 'open-worker': 'src/reading/open-worker.ts' },
    format: ['esm'],
    noExternal: ['@pinnstatistik/core'],
  },
]);
