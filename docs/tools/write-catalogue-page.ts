import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vaggerydCatalogue, vaggerydCatalogueV1_0 } from '@pinnstatistik/core';
import { renderCataloguePage } from './render-catalogue-page.js';
import { renderReviewPage } from './render-review-page.js';

// The catalogue page and the review table, both generated from the data (a test holds them to it).
const page = fileURLToPath(new URL('../vaggeryd-catalogue.md', import.meta.url));
writeFileSync(page, renderCataloguePage(vaggerydCatalogue()));
console.log(`wrote ${page}`);

const source = readFileSync(new URL('../source/insatser-utan-behovsbedomning.txt', import.meta.url), 'utf8');
const review = fileURLToPath(new URL('../vaggeryd-review.md', import.meta.url));
writeFileSync(review, renderReviewPage(vaggerydCatalogue(), vaggerydCatalogueV1_0(), source));
console.log(`wrote ${review}`);
