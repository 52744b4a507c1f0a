import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the guides and their snippets live. */
export const docsDir = fileURLToPath(new URL('../', import.meta.url));

const MARKED = /<!-- snippet: ([a-z0-9-]+) -->\n```ts\n([\s\S]*?)```\n<!-- \/snippet -->/g;

/** Snippets that need a server to run: CI compiles them (typecheck) but does not run them. */
export const COMPILE_ONLY = new Set(['storage-postgres', 'storage-eventstore']);

/** The guides (Markdown files in docs/). */
export function guides(): string[] {
  return readdirSync(docsDir).filter((name) => name.endsWith('.md'));
}

/** Every snippet a guide embeds, with the code the guide shows. */
export function embeddedSnippets(guide: string): { name: string; shown: string }[] {
  return [...readFileSync(`${docsDir}${guide}`, 'utf8').matchAll(MARKED)].map((match) => ({
    name: match[1] as string,
    shown: match[2] as string,
  }));
}

/** The source of a snippet file. */
export function snippetSource(name: string): string {
  return readFileSync(`${docsDir}snippets/${name}.ts`, 'utf8');
}

/** A guide with every embedded snippet replaced by its file's current source. */
export function withCurrentSnippets(text: string): string {
  return text.replace(
    MARKED,
    (_, name: string) =>
      `<!-- snippet: ${name} -->\n\`\`\`ts\n${snippetSource(name)}\`\`\`\n<!-- /snippet -->`,
  );
}
