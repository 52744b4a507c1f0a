import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  normaliseSeriesToken,
  StoreUnavailable,
  seriesStreamOf,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { answer, ok } from './answers.js';
import { SESSION_MARKS } from './series-fixture.js';

// Open series are kept folded in memory between commands (33ea087), confirmed against the
// stream on every load. The attacker is this process, holding a series (its notes decrypted)
// while another process closes it by every path there is: closeSeries, expireSeries, a close
// that stopped midway, a key destroyed while its stream is still there; and a series pushed
// out of the memory by 256 others. Nothing the closing destroyed may be answered, no session
// or note recorded on it — and, since the key ring zeroes a destroyed key's every copy in
// this process, its notes should not stay in this process's memory either.

const uuid = (n: number): string => `5e41e500-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOTE = 'Fortsätt med sömnrutiner nästa gång.';
const marks = SESSION_MARKS;

interface Processes {
  readonly here: CommandService;
  readonly elsewhere: CommandService;
  readonly keys: KeyStore;
  readonly store: EventStore;
}

async function processes(
  options: { store?: EventStore; elsewhereStore?: EventStore; keyRecheckMs?: number; later?: boolean } = {},
): Promise<Processes> {
  const store = options.store ?? createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const clock = fixedClock('2026-02-20T10:00:00Z');
  const here = createCommandService({
    store,
    keys,
    catalogueId: 'vaggeryd',
    clock,
    ...(options.keyRecheckMs === undefined ? {} : { keyRecheckMs: options.keyRecheckMs }),
  });
  const elsewhere = createCommandService({
    store: options.elsewhereStore ?? store,
    keys,
    catalogueId: 'vaggeryd',
    clock: options.later === true ? fixedClock('2026-08-20T10:00:00Z') : clock,
    maxUnavailableRetries: 0,
  });
  await ok(
    here.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(0), catalogue: vaggerydCatalogue() }),
  );
  return { here, elsewhere, keys, store };
}

/** A series with a session and a note, its note read here (so this process holds it). */
async function seriesHeldHere(here: CommandService, n: number): Promise<string> {
  const { token } = await ok(
    here.openSeries({
      type: 'OpenSeries',
      commandId: uuid(n),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    }),
  );
  await ok(
    here.recordSession({ type: 'RecordSession', commandId: uuid(n + 1), token, date: '2026-02-18', marks }),
  );
  await ok(here.writeNote({ type: 'WriteNote', commandId: uuid(n + 2), token, text: NOTE }));
  expect(await ok(here.readNotes({ token }))).toEqual([{ text: NOTE, writtenOn: '2026-02-20' }]);
  return token;
}

/** What this process answers on a series after it was closed elsewhere: every command refused. */
async function answersHere(here: CommandService, token: string, n: number): Promise<unknown[]> {
  return [
    await answer(here.readNotes({ token })),
    await answer(
      here.recordSession({ type: 'RecordSession', commandId: uuid(n), token, date: '2026-02-19', marks }),
    ),
    await answer(here.writeNote({ type: 'WriteNote', commandId: uuid(n + 1), token, text: 'Ny tid.' })),
    await answer(here.readNotes({ token })),
  ];
}
const ALL_REFUSED = ['SERIES_CLOSED', 'SERIES_CLOSED', 'SERIES_CLOSED', 'SERIES_CLOSED'];

/** A store whose deletions fail while `failing` is set (the closing process loses its connection). */
function failingDeletes(inner: EventStore): { store: EventStore; failing: { on: boolean } } {
  const failing = { on: true };
  return {
    failing,
    store: {
      ...inner,
      deleteStreams: async (names) => {
        if (failing.on) throw new StoreUnavailable('connection lost', 'not-written');
        return inner.deleteStreams(names);
      },
    },
  };
}

describe('a series this process holds in memory, closed by another process', () => {
  it('is refused whole once closed elsewhere: no destroyed note answered, nothing recorded on it', async () => {
    const { here, elsewhere } = await processes();
    const token = await seriesHeldHere(here, 10);
    const closed = await ok(
      elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(30), token, reason: 'completed' }),
    );
    expect(closed.notesDestroyed).toBe(1);
    expect(await answersHere(here, token, 20)).toEqual(ALL_REFUSED);
  });

  it('still sees what the other process added while the series was open', async () => {
    const { here, elsewhere } = await processes();
    const token = await seriesHeldHere(here, 10);
    await ok(
      elsewhere.writeNote({ type: 'WriteNote', commandId: uuid(20), token, text: 'Ring skolan om tid.' }),
    );
    expect((await ok(here.readNotes({ token }))).map((note) => note.text)).toEqual([
      NOTE,
      'Ring skolan om tid.',
    ]);
  });

  it('is refused whole once expiry closed it elsewhere', async () => {
    const { here, elsewhere } = await processes({ later: true });
    const token = await seriesHeldHere(here, 10);
    expect(await elsewhere.expireSeries()).toEqual({ expired: 1, open: 0 });
    expect(await answersHere(here, token, 20)).toEqual(ALL_REFUSED);
  });

  it('is refused whole when the closing stopped before the stream was deleted, and after it resumed', async () => {
    const inner = createMemoryEventStore();
    const { store, failing } = failingDeletes(inner);
    const { here, elsewhere } = await processes({ store: inner, elsewhereStore: store });
    const token = await seriesHeldHere(here, 10);
    const stopped = await answer(
      elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(30), token, reason: 'completed' }),
    );
    expect(stopped).toBe('STORE_UNAVAILABLE');
    expect(await answersHere(here, token, 20)).toEqual(ALL_REFUSED);
    failing.on = false;
    expect(await elsewhere.expireSeries()).toEqual({ expired: 0, open: 0 }); // finishes the closing
    expect(await answersHere(here, token, 40)).toEqual(ALL_REFUSED);
  });

  it('is refused whole once its key is gone while its stream is still stored', async () => {
    const { here, keys } = await processes({ keyRecheckMs: 5 });
    const token = await seriesHeldHere(here, 10);
    await keys.destroy(seriesStreamOf(normaliseSeriesToken(token) as string));
    await new Promise((resolve) => setTimeout(resolve, 30)); // the key ring looks again
    expect(await answersHere(here, token, 20)).toEqual(ALL_REFUSED);
  });

  it('pushed out by 256 other series and read again, answers exactly what is stored', async () => {
    const { here, elsewhere } = await processes();
    const token = await seriesHeldHere(here, 10);
    const others = [];
    for (let n = 0; n < 256; n += 1)
      others.push(
        await ok(
          here.openSeries({
            type: 'OpenSeries',
            commandId: uuid(1000 + n),
            interventionId: 'rad-och-stod',
            unitId: 'motesplats',
          }),
        ),
      );
    await ok(elsewhere.writeNote({ type: 'WriteNote', commandId: uuid(20), token, text: 'Ring skolan.' }));
    expect((await ok(here.readNotes({ token }))).map((note) => note.text)).toEqual([NOTE, 'Ring skolan.']);
    await ok(elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(21), token, reason: 'completed' }));
    expect(await answersHere(here, token, 30)).toEqual(ALL_REFUSED);
    expect(others).toHaveLength(256);
  });
});

describe('the notes of a series closed by another process', () => {
  it('do not stay in this process’s memory once its key ring found the key destroyed', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { here, elsewhere } = await processes({ keyRecheckMs: 5 });
    const token = await seriesHeldHere(here, 10);
    // The notes as this process decrypted them (readNotes answers the kept state's own list).
    const held = new WeakRef(await ok(here.readNotes({ token })));
    await ok(elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(30), token, reason: 'completed' }));
    await new Promise((resolve) => setTimeout(resolve, 30)); // the key ring zeroes its copy of the key
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    // The key is zeroed here, the stream deleted everywhere: the decrypted notes must go too
    // (the series store kept them until this process happened to load the series again).
    expect(held.deref(), 'the destroyed notes, still reachable in this process').toBeUndefined();
  });
});

describe('an OpenSeries retried after its series was closed', () => {
  it('is refused as closed, and makes no key for the closed series again', async () => {
    const { here, keys } = await processes();
    const open = {
      type: 'OpenSeries' as const,
      commandId: uuid(1),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    };
    const { token } = await ok(here.openSeries(open));
    await ok(here.closeSeries({ type: 'CloseSeries', commandId: uuid(2), token, reason: 'completed' }));
    const stream = seriesStreamOf(normaliseSeriesToken(token) as string);
    expect(await keys.get(stream)).toBeUndefined();
    expect(await answer(here.openSeries(open))).toBe('SERIES_CLOSED');
    expect(await keys.get(stream), 'a key made again for the closed series').toBeUndefined();
  });
});
