import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromiumService } from './chromium-service.js';
import { postgresService } from './postgres-service.js';
import { testServices } from './services.js';
import { servicesRequired } from './test-service.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every test file of the repository, relative to its root. */
const testFiles = ['packages', 'examples', 'docs', 'tools']
  .flatMap((top) =>
    (readdirSync(join(root, top), { recursive: true }) as string[]).map((file) => join(root, top, file)),
  )
  .filter((file) => /\.test\.ts$/.test(file) && !/node_modules|\/dist\//.test(file))
  .map((file) => relative(root, file))
  .filter((file) => !file.startsWith('tools/test-services/'));

/** A vitest exclude glob (`**`, `*`) as a regular expression. */
function globPattern(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*')}$`);
}
const coveredBy = (file: string, globs: readonly string[]): boolean =>
  globs.some((glob) => globPattern(glob).test(file));

// What marks a suite as needing a service: a new suite that uses one but is not declared would
// fail on a machine without it instead of being skipped with its line.
const needs = [
  {
    service: postgresService,
    uses: /from '\.\.?\/(?:\.\.\/)*test\/fresh-database\.js'|from '\.\/fresh-database\.js'|from 'pg'/,
  },
  { service: chromiumService, uses: /from 'playwright-core'|\/usr\/bin\/chromium/ },
];

describe('the services the test suites need', () => {
  it.each(needs)('every suite that uses $service.name is declared as needing it', ({ service, uses }) => {
    const using = testFiles.filter((file) => uses.test(readFileSync(join(root, file), 'utf8')));
    expect(using.length).toBeGreaterThan(0);
    expect(using.filter((file) => !coveredBy(file, service.suites))).toEqual([]);
  });

  it.each(testServices)('every suite glob of $name matches a test file', ({ suites }) => {
    for (const glob of suites)
      expect(
        testFiles.filter((file) => coveredBy(file, [glob])),
        glob,
      ).not.toEqual([]);
  });

  it('PINNSTATISTIK_REQUIRE_SERVICES=1 (CI) requires them; unset, 0 or false does not', () => {
    expect(servicesRequired({ PINNSTATISTIK_REQUIRE_SERVICES: '1' })).toBe(true);
    expect(servicesRequired({})).toBe(false);
    expect(servicesRequired({ PINNSTATISTIK_REQUIRE_SERVICES: '0' })).toBe(false);
    expect(servicesRequired({ PINNSTATISTIK_REQUIRE_SERVICES: 'false' })).toBe(false);
  });
});
