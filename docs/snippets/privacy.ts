import { createCommandService, fixedClock, periodKeyId, vaggerydCatalogue } from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';

const keys = createMemoryKeyStore();
const service = createCommandService({
  store: createMemoryEventStore(),
  keys,
  catalogueId: 'vaggeryd',
  clock: fixedClock('2025-12-20T08:00:00Z'), // in a service: systemClock
  sealGraceDays: 15, // the default: a month may be sealed from the 16th of the next
  seriesRetentionDays: 90, // the default: series idle longer are closed by expireSeries()
});
await service.adoptCatalogue({
  type: 'AdoptCatalogue',
  commandId: crypto.randomUUID(),
  catalogue: vaggerydCatalogue(),
});

// A series: an opaque token the counsellor writes down. No identity goes in, none is stored.
const opened = await service.openSeries({
  type: 'OpenSeries',
  commandId: crypto.randomUUID(), // a retry with the same id returns the same token
  interventionId: 'rad-och-stod',
  unitId: 'motesplats',
});
if (opened._tag === 'Left') throw new Error(opened.left.message.en);
const { token } = opened.right;

const marks = {
  gender: 'male',
  childAges: [14], // the ages of the children the contact concerns, stored as age groups
  numberOfChildren: 1,
  problemArea: 'school-situation',
  routeIn: 'school',
  furtherAction: 'continued-support',
};
const session = await service.recordSession({
  type: 'RecordSession',
  token,
  commandId: crypto.randomUUID(),
  date: '2025-11-04',
  marks,
});
if (session._tag === 'Left') throw new Error(session.left.message.en);
await service.writeNote({
  type: 'WriteNote',
  token,
  commandId: crypto.randomUUID(),
  text: 'Nästa gång: schemat och vägen till skolan.',
});
const notes = await service.readNotes({ token });
console.log(notes._tag === 'Right' ? notes.right.map((note) => note.text) : notes.left.code);

// Closing deletes the series stream and destroys its key, and with it every note: the series
// index keeps only that it closed, why, and how many notes went.
await service.closeSeries({
  type: 'CloseSeries',
  commandId: crypto.randomUUID(),
  token,
  reason: 'completed',
});

// Sealing: the month's tables written in one go, its detail streams deleted, its key destroyed.
const sealed = await service.sealPeriod({
  type: 'SealPeriod',
  commandId: crypto.randomUUID(),
  period: '2025-11',
});
console.log(
  sealed._tag === 'Right'
    ? `${sealed.right.sheets} sheet(s) sealed, ${sealed.right.deletedStreams} detail stream(s) deleted`
    : sealed.left.code,
);
console.log(
  'key of 2025-11:',
  (await keys.get(periodKeyId('2025-11'))) === undefined ? 'destroyed' : 'still there',
);

// The operator's scheduled jobs: seal last month after its grace, close idle series.
console.log(await service.expireSeries());
