import { readdirSync, readFileSync } from 'node:fs';
import { vaggerydCatalogue } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { renderCataloguePage } from './tools/render-catalogue-page.js';
import { COMPILE_ONLY, docsDir, embeddedSnippets, guides, snippetSource } from './tools/snippets.js';

describe('the guides', () => {
  it('show the Vaggeryd catalogue exactly as the data has it (pnpm docs:catalogue regenerates the page)', () => {
    expect(readFileSync(`${docsDir}vaggeryd-catalogue.md`, 'utf8')).toBe(
      renderCataloguePage(vaggerydCatalogue()),
    );
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
  it.each(runnable)('snippet %s runs', async (name) => {
    const log = console.log;
    console.log = () => undefined;
    try {
      await import(`./snippets/${name}.ts`);
    } finally {
      console.log = log;
    }
  });
});
