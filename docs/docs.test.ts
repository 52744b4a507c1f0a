import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { vaggerydCatalogue, vaggerydCatalogueV1_0 } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { renderCataloguePage } from './tools/render-catalogue-page.js';
import { foldSource, renderReviewPage } from './tools/render-review-page.js';
import { seedDefinitions, seedRows } from './tools/seed-rows.js';
import { COMPILE_ONLY, docsDir, embeddedSnippets, guides, snippetSource } from './tools/snippets.js';

describe('the guides', () => {
  it('show the Vaggeryd catalogue exactly as the data has it (pnpm docs:catalogue regenerates the page)', () => {
    expect(readFileSync(`${docsDir}vaggeryd-catalogue.md`, 'utf8')).toBe(
      renderCataloguePage(vaggerydCatalogue()),
    );
  });

  const sourceText = readFileSync(`${docsDir}source/insatser-utan-behovsbedomning.txt`, 'utf8');

  it('show the review of the catalogue against its source exactly as the data has it (pnpm docs:catalogue regenerates it)', () => {
    expect(readFileSync(`${docsDir}vaggeryd-review.md`, 'utf8')).toBe(
      renderReviewPage(vaggerydCatalogue(), vaggerydCatalogueV1_0(), sourceText),
    );
  });

  it("quote the source's every cell in the review word for word, for all 18 rows", () => {
    const source = foldSource(sourceText);
    expect(seedRows.map((row) => row.row)).toEqual(Array.from({ length: 18 }, (_, index) => index + 1));
    const cells = [
      ...seedDefinitions,
      ...seedRows.flatMap((row) =>
        [
          row.name,
          row.targetGroup,
          row.responsible,
          row.documentation,
          row.level,
          row.ground,
          row.note,
        ].filter((cell): cell is string => cell !== undefined),
      ),
    ];
    for (const cell of cells) expect(source).toContain(cell);
  });

  it('mark no catalogue ground of the review as missing from the source', () => {
    expect(readFileSync(`${docsDir}vaggeryd-review.md`, 'utf8')).not.toContain('not found in the source');
  });

  const embedded = guides().flatMap((guide) =>
    embeddedSnippets(guide).map((snippet) => ({ guide, ...snippet })),
  );

  it.each(embedded)(
    '$guide shows snippet $name exactly as the compiled file (pnpm docs:snippets syncs them)',
    ({ name, shown }) => {
      expect(shown).toBe(snippetSource(name));
    },
  );

  it('embed every snippet file somewhere', () => {
    const files = readdirSync(`${docsDir}snippets`)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.slice(0, -3));
    const used = new Set(embedded.map((snippet) => snippet.name));
    expect(files.filter((file) => !used.has(file))).toEqual([]);
  });

  const runnable = [...new Set(embedded.map((snippet) => snippet.name))].filter(
    (name) => !COMPILE_ONLY.has(name),
  );
  it.each(runnable)(
    'snippet %s runs, prints what its comment says it prints, and never "undefined"',
    async (name) => {
      const printed: string[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => {
        printed.push(format(...args));
      };
      try {
        await import(`./snippets/${name}.ts`);
      } finally {
        console.log = log;
      }
      const output = printed.join('\n');
      expect(output).not.toMatch(/\bundefined\b|\bNaN\b/);
      // A snippet that shows its output ends with "… prints:" and the lines, each as a comment.
      const shown = /prints:\n((?:\/\/ .*\n)+)$/.exec(snippetSource(name))?.[1];
      if (shown !== undefined) expect(output).toBe(shown.replace(/^\/\/ /gm, '').trimEnd());
    },
  );
});

describe('the API reference (pnpm run docs)', () => {
  const root = join(docsDir, '..');
  const entryPoints = (
    JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] }
  ).entryPoints;
  /** Every specifier a package's export map offers (`@pinnstatistik/core`, `@pinnstatistik/core/testing`, …). */
  const specifiers = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
    .flatMap((entry) => {
      const manifest = JSON.parse(
        readFileSync(join(root, 'packages', entry.name, 'package.json'), 'utf8'),
      ) as {
        name: string;
        exports: Record<string, unknown>;
      };
      return Object.keys(manifest.exports)
        .filter((subpath) => subpath !== './package.json')
        .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
    });
  const modules = entryPoints.map((file) => ({
    file,
    module: /^ \* @module (\S+)$/m.exec(readFileSync(join(root, file), 'utf8'))?.[1],
  }));

  it('documents every entry point of every package, each module named as it is imported', () => {
    expect(specifiers.length).toBeGreaterThan(8);
    expect(modules.map((entry) => entry.module).sort()).toEqual([...specifiers].sort());
    for (const { file, module } of modules) {
      const manifest = JSON.parse(
        readFileSync(join(root, file.split('/src/')[0] as string, 'package.json'), 'utf8'),
      );
      expect(module, file).toMatch(new RegExp(`^${manifest.name}(/|$)`));
    }
  });

  it('lists every module on its front page, linked', () => {
    const front = readFileSync(join(docsDir, 'api-index.md'), 'utf8');
    for (const specifier of specifiers) expect(front).toContain(`{@link "${specifier}"! | ${specifier}}`);
  });
});
