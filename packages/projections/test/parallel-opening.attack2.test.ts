// Parallel opening, round 2 (`statisticsProjection({ keys, parallelOpening: true })`).
//
// Tried (each a test below):
//  - a genuine AES-GCM detail event relabelled in its clear header as XChaCha20-Poly1305 (one codec
//    byte; the chain hash is not what the projection checks): BROKE — the worker opens it with the
//    stream's AES slot (the opener's `byStream` cache is keyed by stream, not by codec), so the
//    parallel fold counts the detail, where one thread counts it undecryptable (default ciphers) or
//    refuses the replay with MalformedEvent (ciphers AES + XChaCha). Claims 1 and 3.
//  - a store whose cursor fails to close (its iterator's `return()` rejects) under a replay that
//    stops early (asOf position): BROKE — `prefetched`'s `finally` awaits `reading.return()` before
//    `projection.close()`, so close is never called: the worker stays alive holding the months'
//    subkeys, and still decrypts a genuine event on request after the replay has ended. Claims 2, 5.
//  - the worker dying mid-replay (terminated on its first page): BROKE (availability) — every page
//    already in flight is waited for PAGE_TIMEOUT (5 s) one after the other, with the event loop
//    blocked in Atomics.wait (the worker's `exit`, which sets `failed`, cannot even be delivered).
//    Two pages in flight here: ≈ 10 s; three (the replay's normal read-ahead) ≈ 15 s. Claim 5.
//  - an asOf-date replay over a log the attacker reordered (pages of later months between pages of
//    earlier ones): BROKE (claim 4, and the worker's use) — a batch whose events the fold skips is
//    only retired when the fold takes an event of the very next batch; two skipped pages in a row
//    wedge the queue: their plaintexts (and those of pages sent after) stay in shared memory until
//    close, and every later page is opened on the main thread. The cube is still right.
//  - the same RecordedEvent object twice in one page, the second right after the first (a store or
//    cache that hands out one object per event): BROKE — `index` maps the object to its later item
//    only; the first take decodes and zeroes that plaintext, the second hands the zeros to
//    `openEvent`: the parallel replay throws MalformedEvent ("padding is broken") where one thread
//    folds the log. Claim 1 (a replay refused: availability, no wrong number folded).
//  - held (plain `it`): the same RecordedEvent object again in the following pages; equal ids
//    (a genuine event and a copy under the same id); an event moved into another month's stream
//    (refused as on one thread); asOf position and asOf date replays stopping mid-page; a projection
//    that throws mid-way, and a store that throws mid-read (worker exits, next replay equal); a
//    month sealed mid-page while a reader's key store still holds its key, with copied detail
//    before and after the seal (the forget is sent to the worker, after-seal detail stays unread,
//    the worker ends with the replay).
//
// Stop 47, after this round (each was an `it.fails` that failed before its fix, and passes now):
//  - the relabelled codec: the stream's key is looked up by stream and codec;
//  - the cursor that fails to close: `replay` closes the projection in a finally of its own;
//  - the dead worker: one page timeout (now 1 s) at most, then no page is waited for (1.4 s here);
//  - the same object twice in a page: sent once, and a second take opens it on the main thread;
//  - the reordered asOf-date log: half closed — every page before the one an event is found in is
//    retired, so the queue no longer wedges (83 of 402 opened on the main thread, 316 before); the
//    plaintexts of pages the fold skips whole still stay until a later page is taken or the replay
//    closes (25,256 bytes here): still an `it.fails`.
//
// Weakenings tried (each restored; `git diff --stat` clean):
//  - `openedFrom` without its `isForgotten` check: the sealed-mid-page test fails (after-seal
//    copies folded as detail).
//  - `replay`'s `prefetched` without `projection.close()` in its finally: the "throws mid-way"
//    and the asOf "ends its worker" tests fail (worker still alive).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  type Cipher,
  createAesGcmCipher,
  createXChaChaCipher,
  type EventStore,
  isMalformedEvent,
  type KeyStore,
  type RecordedEvent,
  type SodiumNative,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatisticsCube } from '../src/cube/statistics-cube.js';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import type { Projection } from '../src/projection.js';
import { replay } from '../src/runner/replay.js';
import { recordedYear, uuid } from './workload.js';

const aes = createAesGcmCipher();
const sodium = createRequire(import.meta.url)('sodium-native') as SodiumNative;
const xchacha = createXChaChaCipher(sodium);

const isDetail = (event: RecordedEvent): boolean => event.stream.startsWith(STREAM_PREFIXES.tallySheet);
const monthOf = (event: RecordedEvent): string => event.stream.slice(6, 13);

// ---------------------------------------------------------------------------------------------
// The worker, watched: every message the main thread posts to it (and the worker itself).
// ---------------------------------------------------------------------------------------------
interface Posted {
  readonly worker: Worker;
  readonly message: { kind: string; [key: string]: unknown };
}
let posted: Posted[] = [];
let onPost: ((worker: Worker, message: Posted['message']) => boolean) | undefined;
const originalPost = Worker.prototype.postMessage;
beforeEach(() => {
  posted = [];
  onPost = undefined;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: never) {
    const typed = message as Posted['message'];
    posted.push({ worker: this, message: typed });
    if (onPost !== undefined && !onPost(this, typed)) return; // dropped
    return originalPost.call(this, message, transfer);
  } as typeof Worker.prototype.postMessage;
});
afterEach(async () => {
  Worker.prototype.postMessage = originalPost;
  // Any worker a broken replay left running (found through our own record of it) is ended here.
  for (const worker of new Set(posted.map((one) => one.worker)))
    if (worker.threadId !== -1) await worker.terminate();
});
const workers = () => [...new Set(posted.map((one) => one.worker))];
const exited = async (worker: Worker, ms = 2_000): Promise<boolean> => {
  if (worker.threadId === -1) return true;
  return await Promise.race([
    new Promise<boolean>((resolve) => worker.once('exit', () => resolve(true))),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(worker.threadId === -1), ms)),
  ]);
};
/** Nonzero bytes in every shared output the worker was given. */
const lingering = (): number => {
  let count = 0;
  const seen = new Set<unknown>();
  for (const { message } of posted) {
    if (message.kind !== 'open') continue;
    const output = message.output as Uint8Array;
    if (seen.has(output.buffer)) continue;
    seen.add(output.buffer);
    for (const byte of output) if (byte !== 0) count += 1;
  }
  return count;
};

// ---------------------------------------------------------------------------------------------
// A store the attacker shapes: pages as given, positions renumbered (copies get their own).
// ---------------------------------------------------------------------------------------------
function pagedStore(
  pages: readonly (readonly RecordedEvent[])[],
  options: { closeFails?: boolean; throwAtPage?: number } = {},
): { store: EventStore; flat: RecordedEvent[] } {
  let at = 0;
  const renumbered = pages.map((page) =>
    page.map((event) => ({ ...event, position: String(at++).padStart(9, '0') }) as RecordedEvent),
  );
  const flat = renumbered.flat();
  const store = {
    async *readAll(read: { after?: string; limit?: number } = {}) {
      let given = 0;
      for (const event of flat) {
        if (read.after !== undefined && event.position <= read.after) continue;
        if (read.limit !== undefined && given >= read.limit) return;
        given += 1;
        yield event;
      }
    },
    async *readAllPages() {
      try {
        for (const [index, page] of renumbered.entries()) {
          if (options.throwAtPage === index) throw new Error('the store failed mid-read');
          yield page;
        }
      } finally {
        // biome-ignore lint/correctness/noUnsafeFinally: the failing cursor close is the attack
        if (options.closeFails === true) throw new Error('the cursor failed to close');
      }
    },
  } as unknown as EventStore;
  return { store, flat };
}
/** A store handing out the very objects given (the opener's index is by object identity). */
const sameObjects = (pages: readonly (readonly RecordedEvent[])[]): EventStore =>
  ({
    async *readAll() {
      for (const page of pages) yield* page;
    },
    async *readAllPages() {
      yield* pages;
    },
  }) as unknown as EventStore;
const chunks = <T>(list: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let at = 0; at < list.length; at += size) out.push(list.slice(at, at + size));
  return out;
};
const withCodecByte = (event: RecordedEvent, byte: number): RecordedEvent => {
  const metadata = new Uint8Array(event.metadata);
  metadata[1] = byte;
  return { ...event, metadata };
};

async function fold(
  store: EventStore,
  parallelOpening: boolean,
  options: { ciphers?: Cipher[]; keys: KeyStore; asOf?: Parameters<typeof replay>[2] },
) {
  const projection = statisticsProjection({
    keys: options.keys,
    ...(options.ciphers === undefined ? {} : { ciphers: options.ciphers }),
    parallelOpening,
  });
  const { state, events, position } = await replay(store, projection, options.asOf ?? {});
  return { cube: state.snapshot(), events, position };
}
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, malformed: isMalformedEvent(error), error }),
  );

let yearCache: Awaited<ReturnType<typeof recordedYear>> | undefined;
let eventsCache: RecordedEvent[] | undefined;
async function year() {
  if (yearCache === undefined) {
    yearCache = await recordedYear(21, 0.25);
    eventsCache = await collect(yearCache.store.readAll());
  }
  return { ...yearCache, events: eventsCache as RecordedEvent[] };
}

describe('parallel opening, round 2', () => {
  it("FINDING (closed in stop 47): a genuine AES event relabelled XChaCha20 is not opened by the worker with its stream's AES key", async () => {
    const { keys, events } = await year();
    // The 40th detail event of an open month (its stream already met, its key slot cached by stream).
    const target = events.filter(
      (event) => isDetail(event) && monthOf(event) === '2025-05',
    )[40] as RecordedEvent;
    const relabelled = events.map((event) => (event === target ? withCodecByte(event, 2) : event));
    const { store } = pagedStore(chunks(relabelled, 200));
    const one = await fold(store, false, { keys });
    const two = await fold(store, true, { keys });
    // With both ciphers configured, one thread refuses the replay (the bytes do not open as XChaCha).
    const oneBoth = await outcome(fold(store, false, { keys, ciphers: [aes, xchacha] }));
    const twoBoth = await outcome(fold(store, true, { keys, ciphers: [aes, xchacha] }));
    console.log(
      `relabelled codec: undecryptable one thread ${one.cube.undecryptable}, parallel ${two.cube.undecryptable}; ` +
        `ciphers AES+XChaCha: one thread ${oneBoth.ok ? 'folds' : `refuses (malformed ${String(oneBoth.malformed)})`}, ` +
        `parallel ${twoBoth.ok ? 'folds' : 'refuses'}`,
    );
    // Measured: undecryptable 1 vs 0; AES+XChaCha: one thread refuses (MalformedEvent), parallel folds.
    expect(twoBoth.ok).toBe(oneBoth.ok);
    expect(two.cube).toEqual(one.cube);
  });

  it('FINDING (closed in stop 47): a store whose cursor fails to close no longer leaves the worker alive after the replay', async () => {
    const { keys, events } = await year();
    const { store, flat } = pagedStore(chunks(events, 150), { closeFails: true });
    const stop = flat[Math.floor(flat.length / 2)] as RecordedEvent;
    const ended = await outcome(
      replay(store, statisticsProjection({ keys, parallelOpening: true }), {
        asOf: { position: stop.position },
      }),
    );
    expect(ended.ok).toBe(false); // the store's error comes out
    const [worker] = workers();
    expect(worker).toBeDefined();
    const alive = !(await exited(worker as Worker, 300));
    // Still holding a key? Ask it to open a genuine detail event under the first key slot it was sent.
    let opensAfter = false;
    if (alive) {
      const keyMessage = posted.find((one) => one.message.kind === 'key')?.message as unknown as {
        slot: number;
      };
      const firstOpen = posted.find((one) => one.message.kind === 'open')?.message as unknown as {
        streams: string[];
        items: Uint32Array;
      };
      const sample = events.find(
        (event) => isDetail(event) && event.stream === firstOpen.streams[0],
      ) as RecordedEvent;
      const data = new Uint8Array(new SharedArrayBuffer(sample.data.length));
      data.set(sample.data);
      const output = new Uint8Array(new SharedArrayBuffer(sample.data.length + 1));
      const spans = new Int32Array(new SharedArrayBuffer(8));
      const status = new Int32Array(new SharedArrayBuffer(8));
      const items = new Uint32Array([keyMessage.slot, 0, 0, sample.id.length, 0, sample.data.length]);
      Atomics.store(status, 0, 1);
      originalPost.call(worker as Worker, {
        kind: 'open',
        streams: [sample.stream],
        ids: sample.id,
        items,
        data,
        output,
        spans,
        status,
      });
      for (let waited = 0; waited < 2_000 && Atomics.load(status, 0) !== 2; waited += 10)
        await new Promise((resolve) => setTimeout(resolve, 10));
      opensAfter = Atomics.load(status, 0) === 2 && (spans[1] as number) > 0;
      output.fill(0);
    }
    console.log(
      `cursor fails to close: worker alive after the replay ${alive}; still decrypts with a month key ${opensAfter}`,
    );
    // Measured: alive true; still decrypts true.
    expect(alive).toBe(false);
    expect(opensAfter).toBe(false);
  });

  it('FINDING (closed in stop 47): a worker that dies mid-replay stalls the fold one short timeout at most, not one per page in flight', async () => {
    const { keys, events } = await year();
    const detail = events.filter(isDetail);
    const rest = events.filter((event) => !isDetail(event));
    // Two pages of detail, then pages without any (so exactly two pages are in flight).
    const { store } = pagedStore([
      detail.slice(0, 100),
      detail.slice(100, 200),
      ...chunks(rest, 50),
      detail.slice(200),
    ]);
    const one = await fold(store, false, { keys });
    onPost = (worker, message) => {
      if (message.kind !== 'open') return true;
      void worker.terminate(); // the worker dies before it opens anything
      return false;
    };
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks += 1;
    }, 100);
    const started = performance.now();
    const two = await fold(store, true, { keys });
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    console.log(
      `dead worker: replay took ${Math.round(elapsed)} ms, ${ticks} timer ticks of 100 ms ran meanwhile`,
    );
    expect(two.cube).toEqual(one.cube); // it does end, and right
    // Measured: ≈ 10 000 ms (two pages × PAGE_TIMEOUT_MS), ≈ 0 ticks (the loop blocked in Atomics.wait).
    expect(elapsed).toBeLessThan(6_000);
  }, 25_000);

  it.fails('FINDING (half closed in stop 47: the queue no longer wedges, 83 of 402 opened on the main thread, 316 before; open: pages the fold skips whole keep their plaintexts until a later page is taken or the replay closes — 25,256 bytes here) an asOf-date replay over a reordered log leaves plaintexts behind', async () => {
    const { keys, events } = await year();
    const early = events.filter((event) => !isDetail(event) || monthOf(event) <= '2025-06');
    const late = events.filter((event) => isDetail(event) && monthOf(event) > '2025-06');
    const earlyPages = chunks(early, 100);
    const latePages = chunks(late, 100);
    // Page order: early, late, late, then the rest of the early pages, then the rest of the late.
    const pages = [
      earlyPages[0],
      latePages[0],
      latePages[1],
      ...earlyPages.slice(1),
      ...latePages.slice(2),
    ] as RecordedEvent[][];
    const { store, flat } = pagedStore(pages);
    let onMain = 0;
    const counting: Cipher = {
      ...aes,
      decrypt: (...args) => {
        onMain += 1;
        return aes.decrypt(...args);
      },
    };
    const asOf = { date: '2025-06-30' };
    const one = await fold(store, false, { keys, ciphers: [counting], asOf: { asOf } });
    const oneMain = onMain;
    onMain = 0;
    // At the last event of the last early page (every early page folded), what is left in shared memory.
    const lastEarly = (earlyPages.at(-1) as RecordedEvent[]).at(-1) as RecordedEvent;
    const lastEarlyAt =
      flat.findIndex((event) => event.id === lastEarly.id && event.stream === lastEarly.stream) + 1;
    let leftThen = -1;
    const projection = statisticsProjection({ keys, ciphers: [counting], parallelOpening: true });
    const { state } = await replay(store, projection, {
      asOf,
      progressEvery: 1,
      onProgress: (count) => {
        if (count === lastEarlyAt) leftThen = lingering();
      },
    });
    expect(state.snapshot()).toEqual(one.cube); // still right
    const inDate = early.filter(isDetail).length;
    console.log(
      `asOf date, reordered: one thread decrypted ${oneMain}; beside the worker the main thread decrypted ${onMain} of ${inDate} ` +
        `in-date detail events; ${leftThen} plaintext bytes in shared memory once every early page was folded`,
    );
    // Measured: the main thread decrypts most of the in-date detail itself (the worker's answers unused), and
    // thousands of plaintext bytes of pages done stay in shared memory until close.
    expect(leftThen).toBe(0);
    expect(onMain).toBeLessThan(oneMain / 2);
  });

  it('FINDING (closed in stop 47): the same RecordedEvent object twice in one page folds as on one thread', async () => {
    // `index.set(event, item)` keeps the later item for both occurrences: the first take decodes and
    // zeroes that plaintext, the second hands the zeros to `openEvent` — "padding is broken".
    const { keys, events } = await year();
    const page = events.slice(0, 120);
    const at = page.findIndex(isDetail);
    const twice = page[at] as RecordedEvent;
    // Repeated right after itself (before the page's other events are taken and the batch retired).
    const pages = [
      [...page.slice(0, at + 1), twice, ...page.slice(at + 1)],
      ...chunks(events.slice(120), 120),
    ];
    const store = sameObjects(pages);
    const one = await outcome(fold(store, false, { keys }));
    const two = await outcome(fold(store, true, { keys }));
    console.log(
      `same object twice in a page: one thread ${one.ok ? 'folds' : 'throws'}; parallel ${two.ok ? 'folds' : `throws (malformed ${String(two.malformed)})`}`,
    );
    // Measured: one thread folds; parallel throws MalformedEvent ("padding is broken").
    expect(two.ok).toBe(true);
  });

  it('folds the same cube when the same RecordedEvent object appears again in the next pages', async () => {
    const { keys, events } = await year();
    const pages = chunks(events, 120).map((page, index, all) => {
      const before = all[index - 1]?.filter(isDetail) ?? [];
      // The previous page's first and last detail objects again, at the head and the tail of this one.
      return [...before.slice(0, 1), ...page, ...before.slice(-1)];
    });
    const store = sameObjects(pages);
    const one = await fold(store, false, { keys });
    const two = await fold(store, true, { keys });
    expect(two.events).toBe(one.events);
    expect(two.cube).toEqual(one.cube);
    expect(lingering()).toBe(0);
  });

  it('folds equal ids alike (a genuine event and its copy under the same id; a copy across a page boundary)', async () => {
    const { keys, events } = await year();
    const detail = events.filter(isDetail);
    const copies = new Set([detail[5], detail[299], detail[300], detail[301]] as RecordedEvent[]);
    const withCopies = events.flatMap((event) => (copies.has(event) ? [event, { ...event }] : [event]));
    const { store } = pagedStore(chunks(withCopies, 100));
    const one = await fold(store, false, { keys });
    const two = await fold(store, true, { keys });
    expect(two.cube).toEqual(one.cube);
  });

  it("refuses an event moved into another month's stream (same id) as one thread does", async () => {
    const { keys, events } = await year();
    const april = events.find((event) => isDetail(event) && monthOf(event) === '2025-04') as RecordedEvent;
    const marchStream = (
      events.find((event) => isDetail(event) && monthOf(event) === '2025-03') as RecordedEvent
    ).stream;
    const moved = { ...april, stream: marchStream };
    const at = events.findIndex(
      (event) => isDetail(event) && event.stream === marchStream && event.revision === 30,
    );
    const forged = [...events.slice(0, at), moved, ...events.slice(at)];
    const { store } = pagedStore(chunks(forged, 100));
    const one = await outcome(fold(store, false, { keys }));
    const two = await outcome(fold(store, true, { keys }));
    expect(one.ok).toBe(false);
    expect(two.ok).toBe(false);
    expect(two.ok ? false : two.malformed).toBe(true);
    expect(one.ok ? false : one.malformed).toBe(true);
  });

  it('stops mid-page at an asOf position and at an asOf date exactly as one thread, and ends its worker', async () => {
    const { keys, events } = await year();
    const { store, flat } = pagedStore(chunks(events, 128));
    for (const asOf of [{ position: (flat[777] as RecordedEvent).position }, { date: '2025-04-15' }]) {
      posted = [];
      const one = await fold(store, false, { keys, asOf: { asOf } });
      const two = await fold(store, true, { keys, asOf: { asOf } });
      expect(two).toEqual(one);
      for (const worker of workers()) expect(await exited(worker)).toBe(true);
      expect(lingering()).toBe(0);
    }
  });

  it('a projection that throws mid-way, and a store that throws mid-read: the worker exits, memory is zeroed, and the next replay is equal', async () => {
    const { keys, events } = await year();
    const { store } = pagedStore(chunks(events, 100));
    const projection = statisticsProjection({ keys, parallelOpening: true });
    let applied = 0;
    const throwing: Projection<StatisticsCube> = {
      ...projection,
      apply(state, event) {
        applied += 1;
        if (applied === 450) throw new Error('the projection failed');
        return projection.apply(state, event);
      },
    };
    expect((await outcome(replay(store, throwing))).ok).toBe(false);
    for (const worker of workers()) expect(await exited(worker)).toBe(true);
    expect(lingering()).toBe(0);
    posted = [];
    const { store: failing } = pagedStore(chunks(events, 100), { throwAtPage: 4 });
    expect((await outcome(replay(failing, statisticsProjection({ keys, parallelOpening: true })))).ok).toBe(
      false,
    );
    for (const worker of workers()) expect(await exited(worker)).toBe(true);
    expect(lingering()).toBe(0);
    // The same projection again, to the end: what one thread folds.
    const again = await replay(store, projection);
    const one = await fold(store, false, { keys });
    expect(again.state.snapshot()).toEqual(one.cube);
  });

  it('a month sealed mid-page while the reader still holds its key: forget reaches the worker, detail after the seal stays unread', async () => {
    // A fresh year: March is sealed after its detail was copied (the attacker's copy of the bytes), and
    // the reader's key store is a backup taken before (it still returns March's key).
    const { store: real, keys, make } = await recordedYear(22, 0.25);
    // Copied out: the store wipes a deleted stream's bytes in place.
    const before = (await collect(real.readAll())).map((event) => ({
      ...event,
      data: new Uint8Array(event.data),
      metadata: new Uint8Array(event.metadata),
    }));
    const marchKey = new Uint8Array((await keys.get('period-2025-03')) as Uint8Array);
    const sealed = await make('2025-05-20T10:00:00Z').sealPeriod({
      type: 'SealPeriod',
      commandId: uuid(),
      period: '2025-03',
    });
    expect(E.isRight(sealed)).toBe(true);
    const after = await collect(real.readAll());
    const backup: KeyStore = {
      ...keys,
      create: (id) => keys.create(id),
      destroy: (id) => keys.destroy(id),
      get: async (id) => (id === 'period-2025-03' ? new Uint8Array(marchKey) : keys.get(id)),
    };
    const march = before.filter((event) => isDetail(event) && monthOf(event) === '2025-03');
    // The log after sealing, March's detail spliced in before its seal, and copies of it after.
    const sealAt = after.findIndex((event) => event.stream === 'period-2025-03');
    const log = [
      ...after.slice(0, sealAt),
      ...march.slice(0, 60),
      ...after.slice(sealAt),
      ...march.slice(60),
    ];
    // Pages so that the seal falls mid-page and March copies follow it in the same and later pages.
    const { store } = pagedStore(chunks(log, 90));
    const one = await fold(store, false, { keys: backup });
    posted = [];
    const two = await fold(store, true, { keys: backup });
    const keyMessages = posted.filter((one) => one.message.kind === 'key').length;
    const forgets = posted.filter((one) => one.message.kind === 'forget').length;
    console.log(
      `sealed mid-page: ${keyMessages} keys sent, ${forgets} forgotten; undecryptable one thread ${one.cube.undecryptable}, parallel ${two.cube.undecryptable}`,
    );
    expect(one.cube.undecryptable).toBeGreaterThan(0); // the after-seal copies stay unread
    expect(two.cube).toEqual(one.cube);
    expect(forgets).toBeGreaterThan(0);
    for (const worker of workers()) expect(await exited(worker)).toBe(true);
    expect(lingering()).toBe(0);
  });
});
