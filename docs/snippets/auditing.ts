import { createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { seededYear } from '@pinnstatistik/core/testing';
import { auditLog } from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';

const store = createMemoryEventStore();
const keys = createMemoryKeyStore();
const catalogue = vaggerydCatalogue();
const service = createCommandService({
  store,
  keys,
  catalogueId: 'vaggeryd',
  clock: fixedClock('2025-04-20T08:00:00Z'),
});
await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: crypto.randomUUID(), catalogue });
for (const command of seededYear({ catalogue, year: 2025, seed: 3, volume: 0.1 })) {
  if ('date' in command && command.date < '2025-04') await service.tally(command);
}
await service.sealPeriod('2025-01');
await service.sealPeriod('2025-02');

// Replays the whole log: hash chains, every entry against the catalogue in force on its period,
// periods past their grace, keys that should be gone.
const audit = await auditLog(store, { keys, today: '2025-04-20' });
console.log(
  audit.clean
    ? 'clean'
    : audit.findings.map((finding) => `${finding.code} ${finding.stream}@${finding.position}`),
);
// March is past its grace on 2025-04-16 and not sealed: one PERIOD_UNSEALED_PAST_GRACE finding.
