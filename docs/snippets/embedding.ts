import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandService, isRefusal, systemClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { createFileKeyStore, createMemoryEventStore } from '@pinnstatistik/store-memory';

// One service per process: it caches sheets and keys, and retries conflicts with other processes.
const service = createCommandService({
  store: createMemoryEventStore(),
  keys: createFileKeyStore(mkdtempSync(join(tmpdir(), 'pinnstatistik-keys-'))),
  catalogueId: 'vaggeryd',
  clock: systemClock,
});

// Adopting a catalogue is an event; adopting the same content again changes nothing.
await service.adoptCatalogue({
  type: 'AdoptCatalogue',
  commandId: crypto.randomUUID(),
  catalogue: vaggerydCatalogue(),
});

const result = await service.tally({
  type: 'TallyContact',
  commandId: crypto.randomUUID(), // keep it: a retry with the same id is never counted twice
  interventionId: 'rad-och-stod',
  unitId: 'motesplats',
  date: '2025-03-14', // only the month is stored
  marks: {
    gender: 'female',
    childAges: [9, 4], // one age per child the session concerns: stored as age groups
    numberOfChildren: 2,
    problemArea: 'parenting',
    routeIn: 'school',
    furtherAction: 'none',
  },
});

if (result._tag === 'Left') {
  // A refusal is data: a stable code, the rule it applied, and a message in Swedish and English.
  console.log(result.left.code, result.left.rule.clause, result.left.message.sv);
} else {
  console.log('tallied', result.right.tallyId, 'on', result.right.stream);
}

const refused = await service.tally({
  type: 'TallyContact',
  commandId: crypto.randomUUID(),
  interventionId: 'faltare-uppsokande', // outreach by the field workers: documentation is exempt
  unitId: 'faltare',
  date: '2025-03-14',
  marks: {},
});
if (refused._tag === 'Left' && isRefusal(refused.left)) console.log(refused.left.code); // DOCUMENTATION_EXEMPT
