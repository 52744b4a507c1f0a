import {
  type CommandService,
  createAesGcmCipher,
  createCatchUpSubscription,
  createCommandService,
  type EventStore,
  fixedClock,
  GENESIS_HASH,
  isIntegrityError,
  type KeyStore,
  normaliseSeriesToken,
  type RecordedEvent,
  readHeader,
  readSealedPeriod,
  registryStream,
  SERIES_INDEX_STREAM,
  StoreUnavailable,
  sealEvent,
  seriesStreamOf,
  type TallyReceipt,
} from '@pinnstatistik/core';
import {
  createMemoryCheckpointStore,
  createProjectionRunner,
  replay,
  type StatisticsCube,
  statisticsProjection,
} from '@pinnstatistik/projections';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createKeyRing } from '../../core/src/service/key-ring.js';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { eventsOf, rechained } from './forged-events.js';
import { SESSION_MARKS } from './series-fixture.js';
import { clock, contact, right, serviceOn, uuid, voiding } from './sheet-fixture.js';

// Attack 22: state that outlives one command — a sheet's cached state and receipt book, the
// period loader's registry, the series index, the series store's kept series, the kept sheet's
// session counts, a projection runner's cube and its keyed opener — against reads and writes
// that do not end as they began: a read answered with one event more than the store holds (a
// genuine old sealed event re-served as the next revision, its keyless chain header
// recomputed), a read cut short after such an event (StoreUnavailable, which the service
// retries by itself), an append lost before or after it was written, an append the store takes
// as another writer's retry. What must hold: every answer is a true receipt, a true refusal or
// a reported integrity error; nothing is written twice or built on what the store never held;
// counts equal a recount of what is stored.

type Inner = ReturnType<typeof createMemoryEventStore>;

const hashOf = (event: RecordedEvent): Uint8Array => readHeader(event.metadata)?.hash as Uint8Array;

/**
 * A store that, once armed for a stream, answers the next whole read of it (a catch-up) as the
 * store holds it plus one event more, chained after the stream's last — and may then lose the
 * connection. Reads with a limit (read-backs), and every read after that one, are honest.
 */
function phantomStore(inner: Inner) {
  let plan: { stream: string; event: RecordedEvent; cut: boolean } | undefined;
  const store: EventStore = {
    ...inner,
    readStream(stream, options) {
      const armed = plan;
      if (armed === undefined || stream !== armed.stream || options?.limit !== undefined)
        return inner.readStream(stream, options);
      plan = undefined;
      return (async function* () {
        yield* inner.readStream(stream, options);
        yield armed.event;
        if (armed.cut) throw new StoreUnavailable('connection lost', 'not-written');
      })();
    },
  };
  /** Arms the extra event, made from the stream's last stored event. */
  const arm = async (stream: string, extra: (last: RecordedEvent) => RecordedEvent, cut = false) => {
    const last = (await eventsOf(inner, stream)).at(-1) as RecordedEvent;
    plan = { stream, event: extra(last), cut };
  };
  /** Arms a replay: the stream's event at `revision`, re-served as its next revision. */
  const replayed = async (stream: string, revision: number, cut = false) => {
    const at = (await eventsOf(inner, stream))[revision] as RecordedEvent;
    await arm(stream, (last) => rechained(at, last.revision + 1, hashOf(last)), cut);
  };
  return { store, arm, replayed };
}

/** What an attempt came to: written (a receipt or an answer), a refusal's code, a reported integrity error, or another error. */
function outcome(result: unknown): string {
  if (isIntegrityError(result)) return 'integrity error';
  if (result instanceof Error) return `error: ${result.message}`;
  const either = result as E.Either<{ code: string }, unknown>;
  return E.isLeft(either) ? either.left.code : 'written';
}

const attempt = <T>(running: Promise<T>): Promise<T | unknown> => running.catch((error: unknown) => error);

/** Answers that are neither true (written) nor a reported integrity error. */
const wrongAnswers = (answers: readonly unknown[]): string[] =>
  answers.map(outcome).filter((answer) => answer !== 'written' && answer !== 'integrity error');

/** A process on `store` (retrying conflicts twice, so that a conflict forever shows quickly). */
const processOn = (store: EventStore, keys: KeyStore, at = clock): CommandService =>
  createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: at, maxConflictRetries: 2 });

async function tallies(service: CommandService, from: number, count: number): Promise<TallyReceipt[]> {
  const receipts: TallyReceipt[] = [];
  for (let n = from; n < from + count; n += 1) receipts.push(right(await service.tally(contact(n))));
  return receipts;
}

const openSeries = (service: CommandService, n: number) =>
  service.openSeries({
    type: 'OpenSeries',
    commandId: uuid(n),
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
  });
const session = (token: string, n: number) => ({
  type: 'RecordSession' as const,
  commandId: uuid(n),
  token,
  date: '2025-12-31',
  marks: SESSION_MARKS,
});
const closing = (token: string, n: number) => ({
  type: 'CloseSeries' as const,
  commandId: uuid(n),
  token,
  reason: 'completed' as const,
});
const streamOf = (token: string): string => seriesStreamOf(normaliseSeriesToken(token) as string);
const totals = (cube: StatisticsCube) =>
  [...cube.sheets()]
    .map((sheet) => `${sheet.period}/${sheet.interventionId}/${sheet.unitId}:${JSON.stringify(sheet.tables)}`)
    .sort();
const sealing = (n: number, period: string) => ({ type: 'SealPeriod' as const, commandId: uuid(n), period });

describe('attack 22: interrupted and forged reads against state kept between commands', () => {
  // A break this attack found, fixed (sheet-loader.ts: a cached sheet was caught up from
  // link.revision + 1, its last verified event never confirmed again). Attack: one catch-up of the month's sheet is
  // answered with a phantom tail — tally 5's genuine sealed event re-served as revision 10, its
  // keyless header recomputed — and the store is honest ever after. The victim then tallies 11
  // (twice), another process tallies 12, the victim tallies 13 and retries 11; a cold process
  // tallies 14 and seals the month. Seen: the victim's cache stays on the phantom, so 11 is
  // refused CONCURRENCY_CONFLICT ("nothing was stored, retry") on every retry; once the other
  // process wrote the honest revision 10, the victim's expected revision matched and it appended
  // 13 chained to the phantom's hash — the store's own chain is broken, and every cold reader
  // and the seal of the month fail with an integrity error. Must: each victim answer a receipt
  // or a reported integrity error; the store's chain intact; the month sealable with every
  // stored tally counted once. The fix: loaded-stream.ts catchUp of a kept state reads from its
  // link's revision and confirms it, and reports an integrity error when the link is not there
  // while the stream still exists (a deleted stream: as before). Reloading afresh instead would
  // trust a wholly re-chained stream (attacks 4 and 21 then fail).
  it('a phantom tail on a cached sheet is never built on: no conflict forever, no chain broken in the store', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, replayed } = phantomStore(inner);
    const other = await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    const mine = await tallies(victim, 1, 10);
    const { stream } = mine[0] as TallyReceipt;
    await replayed(stream, (mine[4] as TallyReceipt).revision);

    const answers = [await attempt(victim.tally(contact(11))), await attempt(victim.tally(contact(11)))];
    right(await other.tally(contact(12)));
    answers.push(await attempt(victim.tally(contact(13))), await attempt(victim.tally(contact(11))));
    const cold = processOn(inner, keys);
    const coldTally = outcome(await attempt(cold.tally(contact(14))));
    const seal = outcome(await attempt(cold.sealPeriod(sealing(1_000, '2025-03'))));
    expect({ victim: wrongAnswers(answers), coldTally, seal }).toEqual({
      victim: [],
      coldTally: 'written',
      seal: 'written',
    });
    // Tally 11 (answered at any of its three attempts) and 13, each counted once if written.
    const wrote = [[0, 1, 3], [2]].filter((tries) => tries.some((at) => outcome(answers[at]) === 'written'));
    const [sheet] = (await readSealedPeriod(inner, '2025-03')).sheets;
    expect(sheet?.tables.contacts).toBe(10 + 2 + wrote.length);
  });

  // A break found, fixed by the same catch-up (period-loader.ts loadRegistry: the same plain
  // catch-up of a cached registry).
  // Attack: one catch-up of December's registry answered with a phantom tail (series 1's genuine
  // sealed SeriesRegistered re-served as the next revision). Then the victim opens series 2
  // (twice), another process opens 3, the victim opens 4; a cold process opens 5 and, later, seals
  // December. Seen: opening 2 threw "could not register a series in 2025-12: too many concurrent
  // writers" (50 conflicts on an honest store); opening 4 was appended after the other process's
  // honest registration, chained to the phantom — the registry's chain broken, a cold open and the
  // month's seal fail with an integrity error. Must: receipts or integrity errors for the victim;
  // the registry readable and the month sealable.
  it('a phantom tail on a cached registry is never built on: the month stays sealable', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, replayed } = phantomStore(inner);
    const other = await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    right(await openSeries(victim, 101));
    await replayed(registryStream('2025-12'), 0);
    const answers = [await attempt(openSeries(victim, 102)), await attempt(openSeries(victim, 102))];
    right(await openSeries(other, 103));
    answers.push(await attempt(openSeries(victim, 104)));
    const coldOpen = outcome(await attempt(openSeries(processOn(inner, keys), 105)));
    const later = processOn(inner, keys, fixedClock('2026-01-20T12:00:00Z'));
    const seal = outcome(await attempt(later.sealPeriod(sealing(1_000, '2025-12'))));
    expect({ victim: wrongAnswers(answers), coldOpen, seal }).toEqual({
      victim: [],
      coldOpen: 'written',
      seal: 'written',
    });
  });

  // A break found, fixed by the same catch-up (series-index.ts load: the same plain catch-up of
  // the cached index). Attack: one
  // catch-up of the series index answered with a phantom tail (series 0's genuine SeriesClosed
  // record re-served as the next revision). Then the victim closes series 1 (twice), another
  // process closes 2, the victim closes 3; a cold process expires series and closes 4. Seen: 1 is
  // refused CONCURRENCY_CONFLICT on every try (its closing, end and padding written, its record
  // never); 3's record is appended after 2's, chained to the phantom — the public index, which is
  // never deleted, is broken for every process for good: expiry and every closing (and every
  // opening that reads the index) fail with an integrity error. Must: receipts or integrity errors
  // for the victim; the index readable by everyone after.
  it('a phantom tail on the cached series index is never built on: the index stays readable', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, replayed } = phantomStore(inner);
    const other = await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    const tokens: string[] = [];
    for (let n = 0; n < 5; n += 1) tokens.push(right(await openSeries(victim, 200 + n)).token);
    const [t0, t1, t2, t3, t4] = tokens as [string, string, string, string, string];
    right(await victim.closeSeries(closing(t0, 300)));
    await replayed(SERIES_INDEX_STREAM, 0);
    const answers = [
      await attempt(victim.closeSeries(closing(t1, 301))),
      await attempt(victim.closeSeries(closing(t1, 301))),
    ];
    right(await other.closeSeries(closing(t2, 302)));
    answers.push(await attempt(victim.closeSeries(closing(t3, 303))));
    const cold = processOn(inner, keys);
    const expiry = outcome(await attempt(cold.expireSeries().then(E.right)));
    const coldClose = outcome(await attempt(cold.closeSeries(closing(t4, 304))));
    expect({ victim: wrongAnswers(answers), expiry, coldClose }).toEqual({
      victim: [],
      expiry: 'written',
      coldClose: 'written',
    });
  });

  // Attack: the same phantom tail on a kept *series* (series-store.ts keeps open series folded
  // between commands): one catch-up answered with note 1's genuine sealed NoteWritten re-served as
  // the next revision, then an honest store. The victim reads its notes through the forgery, then
  // writes note 3 and reads again; a cold process reads the notes. A break: note 3 refused
  // CONCURRENCY_CONFLICT (the kept series on the phantom), written on the phantom's hash (a cold
  // read: integrity error), or a note shown twice once the store is honest.
  // Weakening it failed against: series-store.ts readWithKey caught up with catchUp (not
  // catchUpKept, which confirms the kept last event).
  it('a phantom tail on a kept series: the next note is written on the stored chain, the notes read rightly after', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, replayed } = phantomStore(inner);
    await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    const { token } = right(await openSeries(victim, 401));
    const texts = ['Samtal om sömnrutiner.', 'Samtal om skolvägen.', 'Fortsätt nästa vecka.'];
    const note = (n: number) => ({
      type: 'WriteNote' as const,
      commandId: uuid(410 + n),
      token,
      text: texts[n] as string,
    });
    const first = right(await victim.writeNote(note(0)));
    right(await victim.writeNote(note(1)));
    await replayed(streamOf(token), first.revision);
    await attempt(victim.readNotes({ token })); // through the forgery: whatever it shows
    const third = await attempt(victim.writeNote(note(2)));
    expect(outcome(third)).toBe('written');
    const notes = async (service: CommandService) =>
      right(await service.readNotes({ token })).map((written) => written.text);
    expect({ victim: await notes(victim), cold: await notes(processOn(inner, keys)) }).toEqual({
      victim: texts,
      cold: texts,
    });
  });

  // Attack: a session (session-recorder.ts: its own catch-up of the month's sheet, its own append,
  // outside the lanes) while the sheet's catch-up is answered with a phantom — the series' 4th
  // session tally re-served as the next revision — and then cut (StoreUnavailable, retried by
  // the recorder itself). Råd och stöd allows 5 sessions. A break: the 5th session refused as over
  // the limit (the phantom counted), an error ("an appended tally left no receipt"), a second
  // write on a retry, or counts that differ from the sessions stored.
  // Weakenings it failed against: loaded-stream.ts foldFrom recording each receipt into the
  // cached book during the read (attack 21's fix undone); kept-sheet.ts session counts kept in a
  // map changed in place (emptyKeptSheet with PersistentMap().asMutable()).
  it('a forged-then-cut catch-up under a session: the fifth session is written once and counted once', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, replayed } = phantomStore(inner);
    await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    const { token } = right(await openSeries(victim, 501));
    const sessions: TallyReceipt[] = [];
    for (let n = 1; n <= 4; n += 1) sessions.push(right(await victim.recordSession(session(token, 510 + n))));
    const sheet = (sessions[0] as TallyReceipt).stream;
    await replayed(sheet, (sessions[3] as TallyReceipt).revision, true);
    const fifth = await attempt(victim.recordSession(session(token, 515)));
    expect(outcome(fifth)).toBe('written');
    expect((fifth as E.Right<TallyReceipt>).right.revision).toBe((sessions[3] as TallyReceipt).revision + 1);
    expect(await victim.recordSession(session(token, 515))).toEqual(fifth);
    expect(outcome(await attempt(victim.recordSession(session(token, 516))))).toBe('SERIES_LIMIT_REACHED');
    expect((await eventsOf(inner, sheet)).length).toBe(5);
    expect(right(await victim.closeSeries(closing(token, 517))).contacts).toBe(5);
  });

  // Attack: the store loses the connection on an append, once before writing anything
  // ('not-written') and once after writing (the answer lost: 'unknown'); the service retries by
  // itself — on a tally (decide-batch.ts, the lanes) and on a session (stream-writer.ts append and
  // landed). A break: a receipt for a command nothing was stored for (the book changed before the
  // append landed), a command written twice, or counts that differ from what is stored.
  // Weakenings it failed against: decide-batch.ts recording the batch's receipts into the cached
  // book before `store.append`; stream-writer.ts append recording the plan's receipts into the
  // book before `store.append`.
  it('an append lost before or after it was written: each command answered with its true receipt, written once', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    let fail: { stream: string; outcome: 'not-written' | 'unknown' } | undefined;
    const store: EventStore = {
      ...inner,
      async append(stream, events, options) {
        const plan = fail;
        if (plan === undefined || plan.stream !== stream) return inner.append(stream, events, options);
        fail = undefined;
        if (plan.outcome === 'unknown') await inner.append(stream, events, options);
        throw new StoreUnavailable('connection lost', plan.outcome);
      },
    };
    await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    const mine = await tallies(victim, 1, 5);
    const sheet = (mine[0] as TallyReceipt).stream;
    fail = { stream: sheet, outcome: 'not-written' };
    mine.push(right(await victim.tally(contact(6))));
    fail = { stream: sheet, outcome: 'unknown' };
    mine.push(right(await victim.tally(contact(7))));
    expect(mine.map((receipt) => receipt.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const n of [6, 7]) expect(await victim.tally(contact(n))).toEqual(E.right(mine[n - 1]));
    expect((await eventsOf(inner, sheet)).length).toBe(7);

    const { token } = right(await openSeries(victim, 601));
    const sessions = [right(await victim.recordSession(session(token, 611)))];
    const december = (sessions[0] as TallyReceipt).stream;
    fail = { stream: december, outcome: 'not-written' };
    sessions.push(right(await victim.recordSession(session(token, 612))));
    fail = { stream: december, outcome: 'unknown' };
    sessions.push(right(await victim.recordSession(session(token, 613))));
    expect(sessions.map((receipt) => receipt.revision)).toEqual([0, 1, 2]);
    for (const [at, n] of [612, 613].entries())
      expect(await victim.recordSession(session(token, n))).toEqual(E.right(sessions[at + 1]));
    expect((await eventsOf(inner, december)).length).toBe(3);
    expect(right(await victim.closeSeries(closing(token, 614))).contacts).toBe(3);
  });

  // Attack: the same command sent to two processes; the victim's append is held until the other
  // process's copy is stored, so the store takes the victim's append as a retry and keeps the
  // other copy (same event id, other ciphertext, written: 0). Then 18 more tallies push the
  // command out of the receipts kept whole, and the victim voids it and retries it (both read the
  // event back, verified against the hash the victim kept for its revision). A break: the book
  // kept the victim's own hash for a copy never stored — the void and the retry then report an
  // integrity error against an honest store — or the command written twice.
  // Weakening it failed against: decide-batch.ts recording the receipts into the cached book
  // before checking that the append wrote this writer's events (`written`, `nextRevision`).
  it('an append the store takes as another writer’s retry leaves no hash of an unstored copy in the book', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    let hold: { stream: string; until: () => Promise<unknown> } | undefined;
    const store: EventStore = {
      ...inner,
      async append(stream, events, options) {
        const plan = hold;
        if (plan !== undefined && plan.stream === stream) {
          hold = undefined;
          await plan.until();
        }
        return inner.append(stream, events, options);
      },
    };
    const other = await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    const mine = await tallies(victim, 1, 3);
    const sheet = (mine[0] as TallyReceipt).stream;
    let theirs: unknown;
    hold = { stream: sheet, until: async () => (theirs = await other.tally(contact(4))) };
    const raced = await victim.tally(contact(4));
    expect(raced).toEqual(theirs);
    await tallies(victim, 5, 18);
    expect(outcome(await attempt(victim.tally(voiding(1_004, uuid(4)))))).toBe('written');
    expect(await attempt(victim.tally(contact(4)))).toEqual(theirs);
    expect((await eventsOf(inner, sheet)).length).toBe(23);
  });

  // Attack: the series index's states share one log extended in place (series-index.ts). One
  // catch-up of the index is answered with a forged SeriesClosed record of a live series X (the
  // index is public: the store can mint it), then cut; the victim's closing of another series Y
  // retries by itself and writes Y's record after the honest end. Then the victim closes X. A
  // break: X taken as closed before — its stream deleted and key destroyed with no record of its
  // own and no count of its sessions — from an event the store never held.
  // Weakening it failed against: series-index.ts ownLog extending the shared log in place even
  // for a state that is not its newest (no copy).
  it('a forged-then-cut read of the series index leaves no closing in the shared log: X is closed by its own record', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, arm } = phantomStore(inner);
    await serviceOn(inner, keys);
    const victim = processOn(store, keys);
    const [z, x, y] = [
      right(await openSeries(victim, 701)).token,
      right(await openSeries(victim, 702)).token,
      right(await openSeries(victim, 703)).token,
    ];
    right(await victim.recordSession(session(x, 711)));
    right(await victim.closeSeries(closing(z, 721)));
    await arm(
      SERIES_INDEX_STREAM,
      (last) => {
        const { event } = sealEvent(SERIES_INDEX_STREAM, last.revision + 1, hashOf(last), {
          id: 'forged-closed-record',
          type: 'SeriesClosed',
          data: { series: streamOf(x), reason: 'on-request', notesDestroyed: 0, size: 2, head: '00' },
          meta: { commandId: `closed\u0000${streamOf(x)}`, catalogueId: 'vaggeryd' },
        });
        return {
          ...event,
          stream: SERIES_INDEX_STREAM,
          revision: last.revision + 1,
          position: last.position,
        };
      },
      true,
    );
    right(await victim.closeSeries(closing(y, 722)));
    const closed = right(await victim.closeSeries(closing(x, 723)));
    expect(closed).toEqual({ contacts: 1, notesDestroyed: 0, reason: 'completed' });
    const records = (await eventsOf(inner, SERIES_INDEX_STREAM)).map((event) => event.type);
    expect(records).toEqual(['SeriesClosed', 'SeriesClosed', 'SeriesClosed']);
  });

  // A break found, fixed (projections: statistics-projection.ts applied a SheetsSealed by making
  // its keyed opener forget the month's key for good — keyed-opener.ts forget — a side effect outside the
  // cube that the runner's recovery, projection-runner.ts recover/resume, never undoes). Attack:
  // a projection runner's catch-up read of the log is answered, after 5 genuine events, with a
  // SheetsSealed record for March (open, 20 tallies of detail) — the period stream is public, so
  // the store can mint one — and the connection is then lost. The runner recovers by itself
  // (back to its checkpoint, here its initial cube) and reads the honest log again. Seen: the
  // forged record itself is gone from the cube, but March's key stays forgotten: every March
  // detail event is now "undecryptable" (20), and the cube has no March sheet at all where a
  // recount has 20 contacts — silently, for as long as the runner lives (a rebuild keeps the
  // opener). Must: once the store is honest, the recovered cube equals a fresh replay. The fix: a
  // fresh opener with every fresh or restored state.
  it('a forged-then-cut read under a projection runner: once the store is honest, the cube equals a recount', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    await tallies(await serviceOn(inner, keys), 1, 20);
    const { event: minted } = sealEvent('period-2025-03', 0, GENESIS_HASH, {
      id: 'forged-sheets-sealed',
      type: 'SheetsSealed',
      data: { period: '2025-03', sheets: [] },
      meta: { commandId: 'seal\u00002025-03\u0000tables\u00000', catalogueId: 'vaggeryd' },
    });
    let forge = true;
    const readAll: EventStore['readAll'] = (options) => {
      if (!forge || (options?.limit ?? 0) <= 1) return inner.readAll(options);
      forge = false;
      return (async function* () {
        let delivered = 0;
        for await (const event of inner.readAll(options)) {
          yield event;
          delivered += 1;
          if (delivered === 5) {
            yield { ...minted, stream: 'period-2025-03', revision: 0, position: `${event.position}.5` };
            throw new StoreUnavailable('connection lost', 'not-written');
          }
        }
      })();
    };
    const store: EventStore = {
      ...inner,
      readAll,
      // The log read through the forging reads (no live appends needed: the log is still).
      subscribe: (options, handler) =>
        createCatchUpSubscription(
          { readAll, nextAppend: () => new Promise(() => undefined) },
          options,
          handler,
        ),
    };
    const errors: unknown[] = [];
    const runner = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints: createMemoryCheckpointStore(),
      checkpointKeys: keys,
      onError: (error) => errors.push(error),
      maxRetryDelayMs: 20,
    });
    await runner.start().catch(() => undefined); // the first subscription is cut before catching up
    await runner.whenCaughtUp();
    const { state } = await replay(inner, statisticsProjection({ keys }));
    const seen = {
      cut: errors.length,
      undecryptable: runner.state.undecryptable,
      totals: totals(runner.state),
    };
    await runner.stop();
    expect(seen).toEqual({ cut: 1, undecryptable: 0, totals: totals(state) });
  });

  // A break found, fixed (key-ring.ts existing: the key was opened after `await keys.get`, with no
  // look at whether `destroy` ran meanwhile). Attack, on the ring alone: a lookup of a key not cached
  // yet, and the key's destruction begun in the same turn (a seal, a closing). Seen: once
  // `destroy` has resolved, the ring holds the key open again (`isOpen` true, `forgotten` false)
  // — against its promise that destroy "zeroes and forgets every copy this process holds" — and
  // with the memory key store, which hands out the buffer it then zero-fills, the subkeys were
  // derived from 32 zero bytes: a key anyone can derive, open under the destroyed key's id. At
  // the service every destroy found so far comes after the ring has the key cached (the seal and
  // the closing open it first), so no command was seen sealing with it; this is the ring's own
  // promise broken. Must: a lookup that raced a destruction answers no key. The fix: the ring
  // marks the lookups in flight when a destruction begins, and opens nothing they read.
  it('a key looked up while it is being destroyed is not open after the destruction', async () => {
    const keys = createMemoryKeyStore();
    await keys.create('period-2025-03');
    const ring = createKeyRing(keys, createAesGcmCipher());
    const looking = ring.existing('period-2025-03');
    await ring.destroy('period-2025-03');
    const key = await looking;
    expect({ open: ring.isOpen('period-2025-03'), forgotten: key === undefined || key.forgotten }).toEqual({
      open: false,
      forgotten: true,
    });
  });
});
