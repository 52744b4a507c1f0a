import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config';
import { postgresService } from './tools/test-services/postgres-service.js';
import { missingServices, requiredLine, skipLine } from './tools/test-services/services.js';
import { servicesRequired } from './tools/test-services/test-service.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the packages' sources; one test (packages/exports.test.ts) spawns
// plain Node processes to prove the *built* packages load through their export maps.
export default defineConfig(async (): Promise<ViteUserConfig> => {
  // Suites whose server (PostgreSQL) or program (Chromium) is missing are skipped, one line
  // each saying how to provide it — or, in CI (PINNSTATISTIK_REQUIRE_SERVICES=1), fail the run.
  // `pnpm test` starts or installs them first where the machine allows (tools/test-services).
  const missing = await missingServices();
  if (missing.length > 0 && servicesRequired()) throw new Error(missing.map(requiredLine).join('\n'));
  for (const entry of missing) console.log(skipLine(entry));
  const exclude = [
    ...configDefaults.exclude,
    '**/dist/**',
    '**/open-breaks/**',
    ...missing.flatMap(({ service }) => service.suites),
  ];
  const postgresSuites = missing.some(({ service }) => service === postgresService)
    ? []
    : postgresService.suites;
  return {
    resolve: {
      alias: [
        {
          find: /^@pinnstatistik\/core\/testing$/,
          replacement: here('./packages/core/src/testing/index.ts'),
        },
        { find: /^@pinnstatistik\/core\/opening$/, replacement: here('./packages/core/src/opening.ts') },
        { find: /^@pinnstatistik\/testing\/vitest$/, replacement: here('./packages/testing/src/vitest.ts') },
        { find: /^@pinnstatistik\/([a-z-]+)$/, replacement: here('./packages/$1/src/index.ts') },
      ],
    },
    test: {
      // Open breaks (tests that fail until a break is closed) run on their own: `pnpm test:open-breaks`.
      exclude,
      reporters: ['default', ['json', { outputFile: './reports/vitest.json' }]],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // A run of only skipped suites (e.g. just the HTML test, without Chromium) is not a failure.
      passWithNoTests: missing.length > 0,
      // Two groups, one after the other. First every suite but PostgreSQL's, on at least two
      // workers (vitest's default is cores − 1: one on a two-core machine, where two took the run
      // from ≈ 1,230 s to ≈ 900 s). Then PostgreSQL's suites one file at a time: side by side on
      // one server, a key destroyed while another suite's transactions ran was answered `residue`.
      // (`include` is each project's own: `extends` would join it to a root `include`.)
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: [
              'packages/**/*.test.ts',
              'examples/**/*.test.ts',
              'docs/**/*.test.ts',
              'tools/**/*.test.ts',
            ],
            exclude: [...exclude, ...postgresSuites],
            maxWorkers: Math.max(2, availableParallelism() - 1),
            sequence: { groupOrder: 0 },
          },
        },
        ...(postgresSuites.length === 0
          ? []
          : [
              {
                extends: true as const,
                test: {
                  name: 'postgresql',
                  include: [...postgresSuites],
                  maxWorkers: 1,
                  sequence: { groupOrder: 1 },
                },
              },
            ]),
      ],
    },
  };
});
