import { createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { seededYear } from '@pinnstatistik/core/testing';
import {
  createStatisticsReport,
  replay,
  statisticsProjection,
  toCsv,
  toMarkdown,
} from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';

const store = createMemoryEventStore();
const keys = createMemoryKeyStore();
const catalogue = vaggerydCatalogue();
const service = createCommandService({
  store,
  keys,
  catalogueId: 'vaggeryd',
  clock: fixedClock('2026-01-20T08:00:00Z'),
});
await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: crypto.randomUUID(), catalogue });
for (const command of seededYear({ catalogue, year: 2025, seed: 7, volume: 0.2 }))
  await service.tally(command);
await service.sealPeriod('2025-01'); // sealed months and open months give the same numbers

// The cube: open months from their (decrypted) detail, sealed months from their tables.
const { state: cube } = await replay(store, statisticsProjection({ keys }));

// The report: what the policies allow, rolled up, with disclosure control over all its tables.
const report = createStatisticsReport(cube, { from: '2025-01', to: '2025-12', granularity: 'quarter', k: 5 });
if (report._tag === 'Left') throw new Error(JSON.stringify(report.left.issues));
const { document } = report.right;
console.log(document.legend.en);
console.log(toMarkdown(document, { lang: 'en' }).split('\n').slice(0, 12).join('\n'));
console.log(`${toCsv(document, { lang: 'sv' }).split('\n').length} CSV lines`);
