import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/testing-compliance.md shows two kinds of code, both run by CI: snippets (docs/snippets/*.ts,
// checked and run by docs/docs.test.ts) and whole test files of examples/compliance-tests, which
// run under vitest (*.test.ts) and node:test (*.node-test.ts, `pnpm test:node`). This keeps the
// second kind in step with the guide.
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const guide = readFileSync(`${repo}docs/testing-compliance.md`, 'utf8');
const EXAMPLE = /<!-- example: ([^ ]+) -->\n```ts\n([\s\S]*?)```\n<!-- \/example -->/g;
const examples = [...guide.matchAll(EXAMPLE)].map((match) => ({ path: match[1] as string, shown: match[2] }));

describe('the guide "Asserting policy compliance in your system\'s tests"', () => {
  it('shows a vitest and a node:test file of the example project', () => {
    expect(examples.map((example) => example.path)).toEqual([
      'compliance-tests/test/counselling-desk.test.ts',
      'compliance-tests/test/counselling-desk.node-test.ts',
    ]);
  });

  it.each(examples)(
    'shows examples/$path exactly as the file is (copy the file into the guide)',
    ({ path, shown }) => {
      expect(shown).toBe(readFileSync(`${repo}examples/${path}`, 'utf8'));
    },
  );

  it('has no TypeScript block that CI neither compiles nor runs', () => {
    const blocks = guide.match(/```ts\n/g)?.length ?? 0;
    const snippets = guide.match(/<!-- snippet: [a-z0-9-]+ -->\n```ts\n/g)?.length ?? 0;
    expect(blocks).toBe(snippets + examples.length);
    expect(snippets).toBeGreaterThanOrEqual(5);
  });

  it("runs the example's node:test files in CI, after vitest", () => {
    const scripts = JSON.parse(readFileSync(`${repo}package.json`, 'utf8')).scripts as Record<string, string>;
    expect(scripts.test).toMatch(/vitest run && pnpm test:node$/);
    expect(scripts['test:node']).toContain('examples/*/test/*.node-test.ts');
  });
});
