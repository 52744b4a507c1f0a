import { readFileSync, writeFileSync } from 'node:fs';
import { docsDir, guides, withCurrentSnippets } from './snippets.js';

// Copies each snippet file into the guides that embed it (the files are what CI compiles and runs).
for (const guide of guides()) {
  const path = `${docsDir}${guide}`;
  const before = readFileSync(path, 'utf8');
  const after = withCurrentSnippets(before);
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`updated ${guide}`);
  }
}
