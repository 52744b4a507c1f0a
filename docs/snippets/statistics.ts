import { createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { recordCommands, seededYear } from '@pinnstatistik/core/testing';
import {
  eventStoreReleaseLog,
  publishStatisticsReport,
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
// Contacts of interventions with a series limit go through series, everything else is a tally.
await recordCommands(service, catalogue, seededYear({ catalogue, year: 2025, seed: 7, volume: 0.2 }));
// Sealed months and open months give the same numbers.
await service.sealPeriod({ type: 'SealPeriod', commandId: crypto.randomUUID(), period: '2025-01' });

// The cube: open months from their (decrypted) detail, sealed months from their tables.
const { state: cube } = await replay(store, statisticsProjection({ keys }));

// The report: what the policies allow, rolled up, perturbed by the cell-key method (the default)
// under the statistics key (created in the key store on the first report), and recorded as a
// release, so later reports are protected jointly with it.
const report = await publishStatisticsReport(
  cube,
  { from: '2025-01', to: '2025-12', granularity: 'quarter' },
  { log: eventStoreReleaseLog(store, { catalogueId: 'vaggeryd', keys }), keys, createStatisticsKey: true },
);
if (report._tag === 'Left') throw new Error(report.left.message.en);
const { document } = report.right;
console.log(document.legend.en);
console.log(document.cost); // expected share of figures moved, mean absolute deviation
console.log(toMarkdown(document, { lang: 'en' }).split('\n').slice(0, 12).join('\n'));
console.log(`${toCsv(document, { lang: 'sv' }).split('\n').length} CSV lines`);
