import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  readSealedPeriod,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { operatorView } from './attack11-year.js';
import { SESSION_MARKS } from './series-fixture.js';

// A session writes nothing on its series stream: its tally carries the series' tag for the month
// (a keyed hash under the series key) inside the month's sealed detail, and the seal carries each
// open series' sessions of the month to every open series alike before the detail is shredded.
// What a user notices: the limit, the closing's count and the ended-series table are as before,
// across months and seals; what a copy of the store shows: series streams that do not grow with
// sessions (attack 12 counted 77 of 77 series' sessions from nightly copies when they did).

const uuid = (n: number): string => `5e551000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let ids = 0;
const nextId = (): string => {
  ids += 1;
  return uuid(ids);
};

function ok<T>(answer: E.Either<{ code: string }, T>): T {
  if (E.isLeft(answer)) throw new Error(answer.left.code);
  return answer.right;
}
const codeOf = (answer: E.Either<{ code: string }, unknown>): string =>
  E.isLeft(answer) ? answer.left.code : 'RECORDED';

async function world(store: EventStore = createMemoryEventStore()) {
  const keys = createMemoryKeyStore();
  const on = (at: string): CommandService =>
    createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: fixedClock(`${at}T10:00:00Z`) });
  ok(
    await on('2026-02-01').adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: nextId(),
      catalogue: vaggerydCatalogue(),
    }),
  );
  const open = async (service: CommandService) =>
    ok(
      await service.openSeries({
        type: 'OpenSeries',
        commandId: nextId(),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      }),
    ).token;
  const session = (service: CommandService, token: string, date: string, commandId = nextId()) =>
    service.recordSession({ type: 'RecordSession', commandId, token, date, marks: SESSION_MARKS });
  const seal = async (service: CommandService, period: string) =>
    ok(await service.sealPeriod({ type: 'SealPeriod', commandId: nextId(), period }));
  const seriesSizes = async () => {
    const sizes = new Map<string, number>();
    for (const event of await collect(store.readAll()))
      if (event.stream.startsWith('series-') && event.stream !== 'series-index')
        sizes.set(event.stream, (sizes.get(event.stream) ?? 0) + 1);
    return sizes;
  };
  return { store, keys, on, open, session, seal, seriesSizes };
}

describe('sessions carried by their tallies', () => {
  it('leave the series stream as it was: only the opening, however many sessions', async () => {
    const { on, open, session, seriesSizes } = await world();
    const service = on('2026-02-20');
    const token = await open(service);
    const before = await seriesSizes();
    for (const day of ['03', '10', '17']) ok(await session(service, token, `2026-02-${day}`));
    expect(await seriesSizes()).toEqual(before);
    expect([...before.values()]).toEqual([1]);
    const closed = ok(
      await service.closeSeries({ type: 'CloseSeries', commandId: nextId(), token, reason: 'completed' }),
    );
    expect(closed.contacts).toBe(3);
  });

  it('count toward the limit across months and seals, and the ended-series table gets the whole length', async () => {
    const { store, on, open, session, seal } = await world();
    const february = on('2026-02-20');
    const token = await open(february);
    ok(await session(february, token, '2026-02-03'));
    ok(await session(february, token, '2026-02-10'));
    const march = on('2026-03-20');
    // A late entry into February, still open, and one in March: four so far.
    ok(await session(march, token, '2026-02-27'));
    ok(await session(march, token, '2026-03-02'));
    await seal(march, '2026-02'); // February's three go to the series before its detail is shredded
    ok(await session(march, token, '2026-03-09')); // the fifth: råd och stöd allows five
    expect(codeOf(await session(march, token, '2026-03-16'))).toBe('SERIES_LIMIT_REACHED');
    const closed = ok(
      await march.closeSeries({ type: 'CloseSeries', commandId: nextId(), token, reason: 'completed' }),
    );
    expect(closed.contacts).toBe(5);
    await seal(on('2026-04-20'), '2026-03');
    const sheet = (await readSealedPeriod(store, '2026-03')).sheets.find(
      (found) => found.interventionId === 'rad-och-stod' && found.unitId === 'motesplats',
    );
    expect(sheet?.tables.seriesLengths).toEqual({ '5': 1 });
    expect(sheet?.tables.contacts).toBe(2);
  });

  it('are carried by a seal to every open series alike: one event each, with sessions or without', async () => {
    const { on, open, session, seal, seriesSizes } = await world();
    const february = on('2026-02-20');
    const busy = await open(february);
    await open(february); // no session at all
    for (const day of ['03', '04', '05', '06']) ok(await session(february, busy, `2026-02-${day}`));
    const before = await seriesSizes();
    const march = on('2026-03-20');
    await seal(march, '2026-02');
    const after = await seriesSizes();
    expect([...after.values()]).toEqual([...before.values()].map((size) => size + 1));
    // Sealed again (a seal run twice): nothing more is carried.
    await seal(march, '2026-02');
    expect(await seriesSizes()).toEqual(after);
    // The carried count stands in for the shredded detail: one more session, then the limit.
    ok(await session(march, busy, '2026-03-03'));
    expect(codeOf(await session(march, busy, '2026-03-04'))).toBe('SERIES_LIMIT_REACHED');
  });

  it('keep a series alive for expiry by their dates, though its stream has not changed since it opened', async () => {
    const { on, open, session } = await world();
    const token = await open(on('2026-02-01'));
    ok(await session(on('2026-04-25'), token, '2026-04-25'));
    // 90 days after the opening, 5 after the session: not idle.
    expect(await on('2026-05-02').expireSeries()).toEqual({ expired: 0, open: 1 });
    expect(await on('2026-07-25').expireSeries()).toEqual({ expired: 1, open: 0 });
  });

  it('are answered once when retried, and a reused id on another series is refused', async () => {
    const { on, open, session } = await world();
    const service = on('2026-02-20');
    const token = await open(service);
    const other = await open(service);
    const id = nextId();
    const first = ok(await session(service, token, '2026-02-03', id));
    expect(ok(await session(on('2026-02-20'), token, '2026-02-03', id))).toEqual(first);
    expect(codeOf(await session(service, other, '2026-02-03', id))).toBe('COMMAND_ID_REUSED');
    const closed = ok(
      await service.closeSeries({ type: 'CloseSeries', commandId: nextId(), token, reason: 'completed' }),
    );
    expect(closed.contacts).toBe(1);
  });

  it('a void of a session’s tally copies it without the series it names', async () => {
    const { store, keys, on, open, session } = await world();
    const service = on('2026-02-20');
    const token = await open(service);
    const { tallyId } = ok(await session(service, token, '2026-02-03'));
    ok(
      await service.tally({
        type: 'VoidTally',
        commandId: nextId(),
        tallyId,
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
        period: '2026-02',
        reason: 'registered-by-mistake',
      }),
    );
    const opened = await operatorView(await collect(store.readAll()), keys);
    const tallied = [...opened.values()].find((event) => event.type === 'ContactTallied');
    const voided = [...opened.values()].find((event) => event.type === 'TallyVoided');
    expect(tallied?.data.session).toBeDefined();
    const copy = voided?.data.voided as { data: Record<string, unknown> } | undefined;
    expect(copy?.data).toBeDefined();
    expect(copy?.data.session).toBeUndefined();
  });
});

describe('a session racing its series’ closing', () => {
  it('meets the end the closing tallied and is refused: the ended length matches the sheet', async () => {
    const shared = createMemoryEventStore();
    // Another process closes the series right when the session has read it and is about to read the month.
    let closeNow: (() => Promise<void>) | undefined;
    const interrupting: EventStore = {
      ...shared,
      readStream(stream, options) {
        const meanwhile = stream.startsWith('tally-2026-02-') ? closeNow : undefined;
        if (meanwhile !== undefined) closeNow = undefined;
        return (async function* () {
          if (meanwhile !== undefined) await meanwhile();
          yield* shared.readStream(stream, options);
        })();
      },
    };
    const { keys, on, open, session, seal, store } = await world(shared);
    const closer = on('2026-02-20');
    const token = await open(closer);
    ok(await session(closer, token, '2026-02-03'));
    const racing = createCommandService({
      store: interrupting,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-02-20T10:00:00Z'),
    });
    let closedWith: number | undefined;
    closeNow = async () => {
      closedWith = ok(
        await closer.closeSeries({ type: 'CloseSeries', commandId: nextId(), token, reason: 'completed' }),
      ).contacts;
    };
    const answer = await session(racing, token, '2026-02-04');
    expect(closeNow, 'the closing ran inside the session').toBeUndefined();
    expect(codeOf(answer)).toBe('SERIES_CLOSED');
    expect(closedWith).toBe(1);
    await seal(on('2026-03-20'), '2026-02');
    const sheet = (await readSealedPeriod(store, '2026-02')).sheets.find(
      (found) => found.interventionId === 'rad-och-stod' && found.unitId === 'motesplats',
    );
    expect(sheet?.tables.contacts).toBe(1);
    expect(sheet?.tables.seriesLengths).toEqual({ '1': 1 });
  });
});

describe('a series closed while its last month’s seal is under way', () => {
  it('ends on the month it closes in, counted once in the sealed tables (no amendment the seal would come after)', async () => {
    const shared = createMemoryEventStore();
    const { keys, on, open, session, seal, store } = await world(shared);
    const february = on('2026-02-20');
    const token = await open(february);
    ok(await session(february, token, '2026-02-03'));
    ok(await session(february, token, '2026-02-10'));
    // The seal of February dies after closing its detail, before its tables are written.
    let died = false;
    const dying: EventStore = {
      ...shared,
      append(stream, events, options) {
        if (!died && events.some((event) => event.type === 'SheetsSealed')) {
          died = true;
          throw new Error('the process died');
        }
        return shared.append(stream, events, options);
      },
    };
    const sealer = createCommandService({
      store: dying,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-03-20T10:00:00Z'),
    });
    await expect(
      sealer.sealPeriod({ type: 'SealPeriod', commandId: nextId(), period: '2026-02' }),
    ).rejects.toThrow('the process died');
    const march = on('2026-03-20');
    const closed = ok(
      await march.closeSeries({ type: 'CloseSeries', commandId: nextId(), token, reason: 'completed' }),
    );
    expect(closed.contacts).toBe(2);
    await seal(march, '2026-02');
    await seal(on('2026-04-20'), '2026-03');
    const ended = async (period: string) =>
      (await readSealedPeriod(store, period)).sheets.find(
        (found) => found.interventionId === 'rad-och-stod' && found.unitId === 'motesplats',
      )?.tables.seriesLengths;
    expect({ february: await ended('2026-02'), march: await ended('2026-03') }).toEqual({
      february: {},
      march: { '2': 1 },
    });
    const amendments = (await collect(store.readStream('period-2026-02'))).filter(
      (event) => event.type === 'SheetAmended',
    );
    expect(amendments).toHaveLength(0);
  });
});

describe('a closing that dies after its first step and is finished after its month was sealed', () => {
  it('keeps the sessions the seal carried to it, and ends on a month still open', async () => {
    const shared = createMemoryEventStore();
    const { keys, on, open, session, seal, store } = await world(shared);
    const february = on('2026-02-20');
    const token = await open(february);
    for (const day of ['03', '10', '17']) ok(await session(february, token, `2026-02-${day}`));
    // The closing records its first step, then the process dies before the end is tallied.
    const dying: EventStore = {
      ...shared,
      append(stream, events, options) {
        if (stream.startsWith('tally-')) throw new Error('the process died');
        return shared.append(stream, events, options);
      },
    };
    const dies = createCommandService({
      store: dying,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-02-25T10:00:00Z'),
    });
    await expect(
      dies.closeSeries({ type: 'CloseSeries', commandId: nextId(), token, reason: 'completed' }),
    ).rejects.toThrow('the process died');
    await seal(on('2026-03-20'), '2026-02'); // February's three sessions are carried to the series
    expect(await on('2026-04-20').expireSeries()).toEqual({ expired: 1, open: 0 });
    await seal(on('2026-04-20'), '2026-03');
    await seal(on('2026-05-20'), '2026-04');
    const ended = async (period: string) =>
      (await readSealedPeriod(store, period)).sheets.find(
        (found) => found.interventionId === 'rad-och-stod' && found.unitId === 'motesplats',
      )?.tables.seriesLengths;
    expect([await ended('2026-02'), await ended('2026-03'), await ended('2026-04')]).toEqual([
      {},
      undefined,
      { '3': 1 },
    ]);
    const amended = (await collect(store.readAll())).filter((event) => event.type === 'SheetAmended');
    expect(amended).toHaveLength(0);
  });
});
