import { createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import {
  eventStoreReleaseLog,
  publishStatisticsReport,
  replay,
  statisticsProjection,
  toMarkdown,
} from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';

const store = createMemoryEventStore();
const keys = createMemoryKeyStore(); // in production: createFileKeyStore(dir), outside the events' backups
const service = createCommandService({
  store,
  keys,
  catalogueId: 'vaggeryd',
  clock: fixedClock('2025-04-20T08:00:00Z'), // in production: systemClock
});
const id = () => crypto.randomUUID();
const must = <T>(result: { _tag: 'Left'; left: { code: string } } | { _tag: 'Right'; right: T }): T => {
  if (result._tag === 'Left') throw new Error(result.left.code);
  return result.right;
};
must(
  await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: id(), catalogue: vaggerydCatalogue() }),
);

// 1. A tally: one contact of outreach at the meeting place. Every command is { type, commandId, … }.
must(
  await service.tally({
    type: 'TallyContact',
    commandId: id(),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    date: '2025-03-03',
    marks: { gender: 'female' },
  }),
);

// 2. A series: råd och stöd counts its connected sessions (at most five), so its contacts are
//    sessions of a series. The token is written down by the counsellor; it is stored nowhere.
const { token, maxContacts } = must(
  await service.openSeries({
    type: 'OpenSeries',
    commandId: id(),
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
  }),
);
for (const date of ['2025-03-05', '2025-03-19'])
  must(
    await service.recordSession({
      type: 'RecordSession',
      commandId: id(),
      token,
      date,
      marks: {
        gender: 'female',
        childAges: [9, 4], // one age per child the session concerns; stored as age groups
        numberOfChildren: 2,
        problemArea: 'parenting',
        routeIn: 'school',
        furtherAction: 'continued-support',
      },
    }),
  );
console.log(`series of at most ${maxContacts} sessions, 2 recorded`);

// 3. A working note: sealed with the series' key, readable while the series is open.
must(
  await service.writeNote({ type: 'WriteNote', commandId: id(), token, text: 'Nästa gång: kvällsrutiner.' }),
);
console.log(must(await service.readNotes({ token })).map((note) => note.text));

// 4. Closing the series destroys its key, and with it every note; its length is tallied.
console.log(
  must(await service.closeSeries({ type: 'CloseSeries', commandId: id(), token, reason: 'completed' })),
);

// 5. Sealing March (after its grace): the tables written, the detail deleted, the key destroyed.
const sealed = must(await service.sealPeriod({ type: 'SealPeriod', commandId: id(), period: '2025-03' }));
console.log(`${sealed.sheets} sheets sealed, ${sealed.deletedStreams} detail streams deleted`);

// 6. The statistics: replayed from the log, with disclosure control before anything leaves —
//    by the cell-key method under the key store's `statistics` key, recorded as a release so
//    the next report is protected jointly with this one.
const { state: cube } = await replay(store, statisticsProjection({ keys }));
const report = await publishStatisticsReport(
  cube,
  { from: '2025-03', to: '2025-03', granularity: 'month' },
  { log: eventStoreReleaseLog(store, { catalogueId: 'vaggeryd', keys }), keys, createStatisticsKey: true },
);
if (report._tag === 'Left') throw new Error(report.left.message.en);
console.log(toMarkdown(report.right.document, { lang: 'sv' }).split('\n').slice(0, 8).join('\n'));
