import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vaggerydCatalogue } from '@pinnstatistik/core';
import { renderCataloguePage } from './render-catalogue-page.js';

const target = fileURLToPath(new URL('../vaggeryd-catalogue.md', import.meta.url));
writeFileSync(target, renderCataloguePage(vaggerydCatalogue()));
console.log(`wrote ${target}`);
