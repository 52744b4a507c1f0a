import {
  type CommandService,
  createCommandService,
  fixedClock,
  REFUSAL_CODES,
  type RefusalCode,
  seededRandom,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { invalidTallyCommand } from '../arbitraries/invalid-tally-command.js';
import { testCommandId } from './test-command-id.js';

const catalogue = vaggerydCatalogue();
const marks = {
  gender: 'female',
  childAges: [9, 4],
  numberOfChildren: 2,
  problemArea: 'family-conflict',
  routeIn: 'school',
  furtherAction: 'none',
};

/** A service with history: tallies, a sealed month, a series at its limit, a closed one, one without notes. */
async function world() {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore(seededRandom(2));
  const at = (day: string): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(`${day}T09:00:00Z`),
      random: seededRandom(1),
    });
  const service = at('2025-06-20');
  const must = async <T>(result: Promise<E.Either<{ code: string }, T>>): Promise<T> => {
    const done = await result;
    if (E.isLeft(done)) throw new Error(done.left.code);
    return done.right;
  };
  await must(
    service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: testCommandId('adopt'), catalogue }),
  );
  const outreach = (label: string, date: string) => ({
    type: 'TallyContact' as const,
    commandId: testCommandId(label),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    date,
    marks: { gender: 'male' },
  });
  await must(service.tally(outreach('march', '2025-03-10')));
  await must(service.tally(outreach('june', '2025-06-10')));
  await must(
    service.sealPeriod({ type: 'SealPeriod', commandId: testCommandId('seal march'), period: '2025-03' }),
  );
  const open = (label: string, interventionId: string, unitId: string) =>
    must(service.openSeries({ type: 'OpenSeries', commandId: testCommandId(label), interventionId, unitId }));
  const full = await open('full', 'rad-och-stod', 'motesplats');
  for (let n = 1; n <= 5; n += 1)
    await must(
      service.recordSession({
        type: 'RecordSession',
        token: full.token,
        commandId: testCommandId(`full ${n}`),
        date: `2025-06-0${n}`,
        marks,
      }),
    );
  const closed = await open('closed', 'rad-och-stod', 'motesplats');
  await must(
    service.closeSeries({
      type: 'CloseSeries',
      commandId: testCommandId('close'),
      token: closed.token,
      reason: 'completed',
    }),
  );
  const visits = await open('visits', 'familjecentral-hembesok-bhv', 'familjecentral');
  const live = await open('live', 'rad-och-stod', 'motesplats');
  // The same store seen at the year's end: every generated date of 2025 is then in the past.
  const yearEnd = at('2025-12-31');
  return {
    store,
    keys,
    service,
    yearEnd,
    tokens: { full: full.token, closed: closed.token, visits: visits.token, live: live.token },
  };
}

type World = Awaited<ReturnType<typeof world>>;
type Attempt = {
  readonly method: keyof CommandService;
  readonly input: unknown;
  readonly expected: RefusalCode;
};

/** Refused commands for every method, each with the refusal it must earn. */
function attempts(w: World, id: string): Attempt[] {
  const { full, closed, visits, live } = w.tokens;
  const typo = `${live.slice(0, -1)}${live.endsWith('A') ? 'B' : 'A'}`;
  const session = (token: string, extra: object = {}) => ({
    type: 'RecordSession',
    token,
    commandId: id,
    date: '2025-06-15',
    marks,
    ...extra,
  });
  const note = (token: string, text: string) => ({ type: 'WriteNote', token, commandId: id, text });
  const openSeries = (interventionId: string, unitId: string, extra: object = {}) => ({
    type: 'OpenSeries',
    commandId: id,
    interventionId,
    unitId,
    ...extra,
  });
  const amend = (period: string, tallyMarks: object) => ({
    type: 'AmendSheet',
    commandId: id,
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    period,
    change: 1,
    tally: { type: 'contact', marks: tallyMarks },
    reason: 'late-tally',
  });
  return [
    {
      method: 'tally',
      input: {
        type: 'TallyContact',
        commandId: id,
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
        date: '2025-06-10',
        marks,
      },
      expected: 'SERIES_REQUIRED',
    },
    {
      method: 'tally',
      input: {
        type: 'TallyContact',
        commandId: id,
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        date: '2025-07-01',
        marks: { gender: 'male' },
      },
      expected: 'DATE_IN_FUTURE',
    },
    {
      method: 'tally',
      input: {
        type: 'TallyContact',
        commandId: id,
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        date: '2025-03-11',
        marks: { gender: 'male' },
      },
      expected: 'SHEET_SEALED',
    },
    {
      method: 'tally',
      input: {
        type: 'TallyContact',
        commandId: testCommandId('june'),
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        date: '2025-06-10',
        marks: { gender: 'female' },
      },
      expected: 'COMMAND_ID_REUSED',
    },
    {
      method: 'tally',
      input: {
        type: 'VoidTally',
        commandId: id,
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        period: '2025-06',
        tallyId: testCommandId('nothing'),
        reason: 'duplicate',
      },
      expected: 'TALLY_NOT_FOUND',
    },
    { method: 'recordSession', input: session(live, { date: '2025-07-01' }), expected: 'DATE_IN_FUTURE' },
    { method: 'recordSession', input: session(live, { date: '2025-03-12' }), expected: 'SHEET_SEALED' },
    {
      method: 'recordSession',
      input: session(live, { marks: { ...marks, gender: 'nobody' } }),
      expected: 'VALUE_NOT_IN_CODE_LIST',
    },
    {
      method: 'recordSession',
      input: session(live, { marks: { ...marks, routeIn: '19811218-9876' } }),
      expected: 'PERSONAL_DATA_DETECTED',
    },
    { method: 'recordSession', input: session(full), expected: 'SERIES_LIMIT_REACHED' },
    { method: 'recordSession', input: session(closed), expected: 'SERIES_CLOSED' },
    { method: 'recordSession', input: session(typo), expected: 'INVALID_SERIES_TOKEN' },
    { method: 'recordSession', input: session(live, { extra: 1 }), expected: 'INVALID_INPUT' },
    {
      method: 'writeNote',
      input: note(live, 'Ring 070-123 45 67 i morgon.'),
      expected: 'PERSONAL_DATA_DETECTED',
    },
    { method: 'writeNote', input: note(visits, 'Nästa besök: vikt.'), expected: 'WORKING_NOTES_NOT_ALLOWED' },
    { method: 'writeNote', input: note(live, 'x'.repeat(2001)), expected: 'INVALID_INPUT' },
    { method: 'writeNote', input: note(closed, 'Sent.'), expected: 'SERIES_CLOSED' },
    { method: 'readNotes', input: { token: closed }, expected: 'SERIES_CLOSED' },
    { method: 'readNotes', input: { token: typo }, expected: 'INVALID_SERIES_TOKEN' },
    {
      method: 'openSeries',
      input: openSeries('motesplats-uppsokande', 'motesplats'),
      expected: 'SERIES_NOT_OFFERED',
    },
    {
      method: 'openSeries',
      input: openSeries('faltare-uppsokande', 'faltare'),
      expected: 'DOCUMENTATION_EXEMPT',
    },
    {
      method: 'openSeries',
      input: openSeries('rad-och-stod', 'familjecentral'),
      expected: 'UNIT_NOT_RESPONSIBLE',
    },
    {
      method: 'openSeries',
      input: openSeries('rad-och-stod', 'motesplats', { name: 'Anna' }),
      expected: 'INVALID_INPUT',
    },
    {
      method: 'closeSeries',
      input: { type: 'CloseSeries', commandId: id, token: typo, reason: 'completed' },
      expected: 'INVALID_SERIES_TOKEN',
    },
    {
      method: 'closeSeries',
      input: { type: 'CloseSeries', commandId: id, token: live, reason: 'because' },
      expected: 'INVALID_INPUT',
    },
    {
      method: 'sealPeriod',
      input: { type: 'SealPeriod', commandId: id, period: '2025-06' },
      expected: 'SEAL_TOO_EARLY',
    },
    {
      method: 'sealPeriod',
      input: { type: 'SealPeriod', commandId: id, period: '2025-13' },
      expected: 'INVALID_INPUT',
    },
    { method: 'amendSheet', input: amend('2025-06', { gender: 'male' }), expected: 'PERIOD_NOT_SEALED' },
    { method: 'amendSheet', input: amend('2025-03', { gender: 'x' }), expected: 'VALUE_NOT_IN_CODE_LIST' },
    {
      method: 'adoptCatalogue',
      input: {
        type: 'AdoptCatalogue',
        commandId: id,
        catalogue: { ...catalogue, effectiveFrom: '2025-02-01' },
      },
      expected: 'CATALOGUE_VERSION_EXISTS',
    },
    {
      method: 'adoptCatalogue',
      input: { type: 'AdoptCatalogue', commandId: id, catalogue: { ...catalogue, interventions: 'none' } },
      expected: 'CATALOGUE_REJECTED',
    },
  ];
}

const bytesOf = (w: World) => Buffer.concat(w.store.storedBytes());

describe('a refused command writes nothing, whatever the method', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('leaves the store byte for byte as it was, for every method and every refusal it can earn', async () => {
    const methods = new Set<string>();
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.uuid({ version: 4 }), fc.nat(), async (id, pick) => {
        const all = attempts(w, id);
        const attempt = all[pick % all.length] as Attempt;
        const before = bytesOf(w);
        const keysBefore = w.keys.size;
        const method = w.service[attempt.method] as (
          input: unknown,
        ) => Promise<E.Either<{ code: string }, unknown>>;
        const result = await method(attempt.input);
        expect(
          E.isLeft(result) && result.left.code,
          `${attempt.method} ${JSON.stringify(attempt.input).slice(0, 120)}`,
        ).toBe(attempt.expected);
        expect(bytesOf(w).equals(before), `${attempt.method} → ${attempt.expected} wrote to the store`).toBe(
          true,
        );
        expect(w.keys.size, `${attempt.method} → ${attempt.expected} made a key`).toBe(keysBefore);
        methods.add(attempt.method);
        codes.add(attempt.expected);
      }),
      { numRuns: 300 },
    );
    expect([...methods].sort()).toEqual(
      [
        'adoptCatalogue',
        'amendSheet',
        'closeSeries',
        'openSeries',
        'readNotes',
        'recordSession',
        'sealPeriod',
        'tally',
        'writeNote',
      ].sort(),
    );
    for (const code of codes) expect(REFUSAL_CODES).toContain(code);
  });

  it('and so does every labelled invalid tally, through the service', async () => {
    await fc.assert(
      fc.asyncProperty(invalidTallyCommand(catalogue), async ({ input, expected }) => {
        const before = bytesOf(w);
        const result = await w.yearEnd.tally(input as never);
        expect(E.isLeft(result) && result.left.code).toBe(expected);
        expect(bytesOf(w).equals(before)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
