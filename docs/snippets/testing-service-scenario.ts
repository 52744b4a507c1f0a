import { givenService, testCommandId, vaggerydCatalogue } from '@pinnstatistik/testing';

// The real command service over an in-memory store: the clock stands still at `today`
// (until moved with `at`), randomness is seeded, and the catalogue is adopted first.
const scenario = givenService({ catalogue: vaggerydCatalogue(), today: '2025-06-20' });

// Setup steps must be accepted; each resolves to the service's answer (here, the token).
const { token } = await scenario.step({
  type: 'OpenSeries',
  commandId: testCommandId('open'),
  interventionId: 'rad-och-stod',
  unitId: 'motesplats',
});
const session = (n: number) => ({
  type: 'RecordSession' as const,
  token,
  commandId: testCommandId(`session ${n}`),
  date: `2025-06-0${n}`,
  marks: {
    gender: 'female',
    childAges: [9, 4],
    numberOfChildren: 2,
    problemArea: 'parenting',
    routeIn: 'school',
    furtherAction: 'none',
  },
});
for (const n of [1, 2, 3, 4]) await scenario.step(session(n));

// The fifth session is the last the policy allows ("max fem sammanhållande samtal").
await scenario.when(session(5)).then([{ type: 'ContactTallied' }]);
await scenario.when(session(6)).thenRefuses('SERIES_LIMIT_REACHED');
await scenario.when(session(5)).thenNothingHappens(); // a retry is never counted twice

// Working notes: encrypted with the series key, read back, destroyed when the series closes.
await scenario
  .when({ type: 'WriteNote', token, commandId: testCommandId('note'), text: 'Nästa gång: sömn.' })
  .then((events) => console.log(events[0]?.encrypted)); // true: the store holds ciphertext
// Closing: the series' end tallied (sealed) on its sheet; its stream deleted; the index keeps the count.
await scenario
  .when({ type: 'CloseSeries', commandId: testCommandId('close'), token, reason: 'completed' })
  .then([
    { type: 'SeriesEnded', data: { contacts: 5 } },
    { type: 'SeriesClosed', data: { notesDestroyed: 1, reason: 'completed' } },
  ]);
await scenario.when({ type: 'ReadNotes', token }).thenRefuses('SERIES_CLOSED');

// Sealing: not before the grace after the month's end; afterwards the month takes no tallies.
const seal = { type: 'SealPeriod', commandId: testCommandId('seal June'), period: '2025-06' } as const;
await scenario.when(seal).thenRefuses('SEAL_TOO_EARLY');
await scenario
  .at('2025-07-16')
  .when(seal)
  .then((events, report) => console.log(events.at(-1)?.type, report.sheets)); // PeriodSealed 1
await scenario
  .when({
    type: 'TallyContact',
    commandId: testCommandId('late'),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    date: '2025-06-30',
    marks: { gender: 'male' },
  })
  .thenRefuses('SHEET_SEALED');
