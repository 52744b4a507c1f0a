import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './pack-packages.js';

/** The getting-started guide, whose marked blocks the pack check runs. */
export const GUIDE = join(repositoryRoot, 'docs', 'getting-started.md');

const MARKED = /<!-- pack-check: (\S+) -->\n```\w*\n([\s\S]*?)```\n<!-- \/pack-check -->/g;

/** The files the guide shows, by name: every block marked `<!-- pack-check: name -->`. */
export function guideFiles(): Map<string, string> {
  return new Map(
    [...readFileSync(GUIDE, 'utf8').matchAll(MARKED)].map((match) => [
      match[1] as string,
      match[2] as string,
    ]),
  );
}
