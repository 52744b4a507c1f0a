import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  type OpenedEvent,
  openEvent,
  type PayloadSealer,
  privateStreamOf,
  type RecordedEvent,
  readCodec,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';
import type { KeyedOpener } from './keyed-opener.js';
import {
  ALGORITHM_BITS,
  ITEM_WORDS,
  LOADED_BIT,
  SLOT_IDLE,
  SLOT_OPENED,
  SLOT_SENT,
  type ToWorker,
  type WorkerStart,
} from './opening-batch.js';

/**
 * Opens a replay's sealed tally events on a second thread, a page ahead of the fold: decryption
 * is a third of an open-year rebuild, and the fold need not wait for it.
 *
 * What it keeps to: a page's plaintexts are used only while their key is not forgotten (a month
 * sealed in the page before: its detail after the seal stays unread, as on one thread); an event
 * the worker could not open is opened on the main thread, to be refused as it always is; each
 * plaintext is zeroed once decoded, and the rest of a page's when the page is done; the worker's
 * keys are zeroed when forgotten and when it is closed.
 */
export interface ParallelOpener {
  /**
   * Starts opening a page's sealed tally events in the worker, once their keys are looked up (as
   * the fold would look them up); resolves when the page is sent.
   */
  prefetch(page: readonly RecordedEvent[]): Promise<void>;
  /** The event as the worker opened it, or `undefined` when it did not (open it on this thread). */
  take(event: RecordedEvent): OpenedEvent | undefined;
  /** The key is forgotten: the worker zeroes it, and nothing it opened under it is used. */
  forget(keyId: string): void;
  /** Starts the worker if need be; whether it has loaded within `ms` (pages go to it only then). */
  loaded(ms?: number): Promise<boolean>;
  /** Ends the worker (its keys zeroed) and zeroes every plaintext not yet used. */
  close(): Promise<void>;
}

/**
 * Memory both threads share, for one page in flight. Kept and reused — fresh memory per page cost
 * more in first-touch page faults than the decryption saved.
 */
interface Slot {
  input: Uint8Array;
  output: Uint8Array;
  spans: Int32Array;
  readonly status: Int32Array;
  busy: boolean;
}

interface Batch {
  readonly index: Map<RecordedEvent, number>;
  /** Items already taken: a second take of the same object is opened on the calling thread. */
  readonly taken: Uint8Array;
  readonly keyIds: readonly string[];
  readonly slot: Slot;
  /** Whether the worker answered (else its events are opened here). */
  answered?: boolean;
  used: number;
}

interface StreamKey {
  readonly keyId: string;
  readonly codec: string;
  readonly slot: number;
}

/** Pages in flight at most: the one being folded and three read ahead of it (`replay` reads up to three). */
const SLOTS = 4;
/**
 * How long the fold waits for a page before opening it itself and using the worker no more (a page
 * takes it a few milliseconds; a dead worker cannot say so while the fold is blocked).
 */
const PAGE_TIMEOUT_MS = 1_000;
/** How long the first page waits for the worker to load. */
const LOAD_TIMEOUT_MS = 5_000;

const bytes = (length: number): Uint8Array => new Uint8Array(new SharedArrayBuffer(length));
const words = (length: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * length));

function sized(slot: Slot, dataBytes: number, count: number): void {
  if (slot.input.length < dataBytes) slot.input = bytes(Math.max(dataBytes, 2 * slot.input.length));
  if (slot.output.length < dataBytes + count)
    slot.output = bytes(Math.max(dataBytes + count, 2 * slot.output.length));
  if (slot.spans.length < 2 * count) slot.spans = words(Math.max(2 * count, 2 * slot.spans.length));
}

/** The worker's script: the built one beside this module, else the source through tsx (tests). */
function workerScript(): URL {
  const built = new URL('./open-worker.js', import.meta.url);
  return existsSync(built) ? built : new URL('./open-worker-from-source.mjs', import.meta.url);
}

/** Where `sodium-native` loads from: the application's own, else one beside this package. */
function sodiumPath(): string | undefined {
  for (const from of [`${process.cwd()}/`, import.meta.url]) {
    try {
      return createRequire(from).resolve('sodium-native');
    } catch {
      // Try the next place; without it, XChaCha20 events are opened on the main thread.
    }
  }
  return undefined;
}

/** A parallel opener beside a keyed opener, whose keys it sends the worker as they are needed. */
export function createParallelOpener(opener: KeyedOpener): ParallelOpener {
  let worker: Worker | undefined;
  let failed = false;
  const ready = words(1);
  const queue: Batch[] = [];
  const ring: Slot[] = [];
  const slots = new Map<string, number>();
  const byStream = new Map<string, StreamKey>();
  let nextSlot = 0;

  let closed = false;
  const started = (): Worker | undefined => {
    if (worker !== undefined || closed) return worker;
    // No loader of the parent's (a tsx parent's made the worker's start ten times slower).
    const made = new Worker(workerScript(), {
      workerData: { sodiumPath: sodiumPath(), ready } satisfies WorkerStart,
      execArgv: [],
    });
    // Never what keeps the process alive: the fold waits on shared memory, not on its messages.
    made.unref();
    made.on('error', () => {
      failed = true;
    });
    made.on('exit', () => {
      failed = true;
    });
    worker = made;
    return made;
  };
  const post = (message: ToWorker, transfer?: ArrayBuffer[]) => started()?.postMessage(message, transfer);
  const opens = (codec: string): boolean => (Atomics.load(ready, 0) & (ALGORITHM_BITS[codec] ?? 0)) !== 0;

  const freeSlot = (): Slot | undefined => {
    const free = ring.find((slot) => !slot.busy);
    if (free !== undefined || ring.length === SLOTS) return free;
    const made: Slot = { input: bytes(0), output: bytes(0), spans: words(0), status: words(2), busy: false };
    ring.push(made);
    return made;
  };

  // The slot of a stream's key, sending the key first: looked up as the fold would (a key forgotten
  // is not found, and one forgotten after is never used: see `openedFrom`).
  const keyOf = async (stream: string, codec: string): Promise<StreamKey | undefined> => {
    const keyId = privateStreamOf(stream)?.keyId;
    if (keyId === undefined) return undefined;
    if (opener.subkeyOf(keyId, codec) === undefined) await opener.sealer(keyId, codec);
    const subkey = opener.subkeyOf(keyId, codec);
    if (subkey === undefined) return undefined;
    const cacheKey = `${codec}/${keyId}`;
    let slot = slots.get(cacheKey);
    if (slot === undefined) {
      slot = nextSlot++;
      slots.set(cacheKey, slot);
      post({ kind: 'key', slot, algorithm: codec, key: subkey });
    }
    const found = { keyId, codec, slot };
    byStream.set(stream, found);
    return found;
  };

  let waitedForLoad = false;
  const prefetch = async (page: readonly RecordedEvent[]): Promise<void> => {
    if (failed) return;
    // The first page waits for the worker to load (≈ 0.1 s; the tests' source run, longer), once:
    // one that has not loaded by then leaves pages to this thread until it has.
    if (!waitedForLoad && started() !== undefined) {
      waitedForLoad = true;
      Atomics.wait(ready, 0, 0, LOAD_TIMEOUT_MS);
    }
    if ((Atomics.load(ready, 0) & LOADED_BIT) === 0) return;
    const chosen: RecordedEvent[] = [];
    const keys: StreamKey[] = [];
    let dataBytes = 0;
    const seen = new Set<RecordedEvent>();
    for (const event of page) {
      // The same object twice in a page is sent once (its plaintext is zeroed at its first take).
      if (seen.has(event) || !event.stream.startsWith(STREAM_PREFIXES.tallySheet)) continue;
      seen.add(event);
      const codec = readCodec(event.metadata);
      if (codec === undefined || codec === 'plain' || !opens(codec)) continue;
      // By stream and codec: an event whose header names another algorithm than its stream's others
      // is not opened with their key (one thread finds no key for it, or refuses it).
      const known = byStream.get(event.stream);
      const key = known?.codec === codec ? known : await keyOf(event.stream, codec);
      if (key === undefined) continue;
      chosen.push(event);
      keys.push(key);
      dataBytes += event.data.length;
    }
    // No slot free (the fold is further behind than the ring is deep): this page is opened here.
    const slot = chosen.length === 0 ? undefined : freeSlot();
    if (slot === undefined) return;
    sized(slot, dataBytes, chosen.length);
    slot.busy = true;
    const items = new Uint32Array(ITEM_WORDS * chosen.length);
    const streams: string[] = [];
    const streamIndex = new Map<string, number>();
    const index = new Map<RecordedEvent, number>();
    let ids = '';
    let at = 0;
    for (const [item, event] of chosen.entries()) {
      let stream = streamIndex.get(event.stream);
      if (stream === undefined) {
        stream = streams.length;
        streams.push(event.stream);
        streamIndex.set(event.stream, stream);
      }
      const base = item * ITEM_WORDS;
      items[base] = (keys[item] as StreamKey).slot;
      items[base + 1] = stream;
      items[base + 2] = ids.length;
      ids += event.id;
      items[base + 3] = ids.length;
      items[base + 4] = at;
      slot.input.set(event.data, at);
      at += event.data.length;
      items[base + 5] = at;
      index.set(event, item);
    }
    queue.push({
      index,
      taken: new Uint8Array(chosen.length),
      keyIds: keys.map((key) => key.keyId),
      slot,
      used: 0,
    });
    Atomics.store(slot.status, 0, SLOT_SENT);
    post(
      {
        kind: 'open',
        streams,
        ids,
        items,
        data: slot.input.subarray(0, at),
        output: slot.output,
        spans: slot.spans,
        status: slot.status,
      },
      [items.buffer],
    );
  };

  // Whether the worker opened the batch's page, waiting for it if need be (it is a page ahead).
  const answered = (batch: Batch): boolean => {
    if (batch.answered === undefined) {
      const { status } = batch.slot;
      // Once a page has timed out, no other is waited for.
      if (!failed && Atomics.load(status, 0) === SLOT_SENT)
        Atomics.wait(status, 0, SLOT_SENT, PAGE_TIMEOUT_MS);
      batch.answered = Atomics.load(status, 0) === SLOT_OPENED;
      // A worker that does not answer is used no more; its slot is never handed out again.
      if (!batch.answered) failed = true;
    }
    return batch.answered;
  };

  // The page's plaintexts not asked for are zeroed (each other one was as it was decoded).
  const retire = (batch: Batch): void => {
    queue.shift();
    if (batch.answered === false || (batch.answered === undefined && !answered(batch))) return;
    batch.slot.output.fill(0, 0, Atomics.load(batch.slot.status, 1));
    Atomics.store(batch.slot.status, 0, SLOT_IDLE);
    batch.slot.busy = false;
  };

  // One sealer for every handed-back plaintext: openEvent unpads, decodes and zeroes it.
  let handing: Uint8Array | undefined;
  const handed: PayloadSealer = {
    algorithm: 'opened in the worker',
    seal() {
      throw new Error('a parallel opener seals nothing');
    },
    open: () => handing,
  };

  const openedFrom = (batch: Batch, item: number, event: RecordedEvent): OpenedEvent | undefined => {
    const end = batch.slot.spans[2 * item + 1] as number;
    if (end < 0 || opener.isForgotten(batch.keyIds[item] as string)) return undefined;
    handing = batch.slot.output.subarray(batch.slot.spans[2 * item] as number, end);
    try {
      return openEvent(event, () => handed);
    } finally {
      handing = undefined;
    }
  };

  const take = (event: RecordedEvent): OpenedEvent | undefined => {
    const at = queue.findIndex((batch) => batch.index.has(event));
    if (at < 0) return undefined;
    // A later page's event: what is left of the pages before it was never asked for (a replay
    // that skipped events in them); their plaintexts go.
    for (let stale = 0; stale < at; stale += 1) retire(queue[0] as Batch);
    const batch = queue[0] as Batch;
    const item = batch.index.get(event) as number;
    if (batch.taken[item] === 1) return undefined;
    batch.taken[item] = 1;
    batch.used += 1;
    try {
      return answered(batch) ? openedFrom(batch, item, event) : undefined;
    } finally {
      if (batch.used === batch.index.size) retire(batch);
    }
  };

  return {
    prefetch,
    take,
    forget(keyId) {
      byStream.clear();
      for (const [cacheKey, slot] of [...slots]) {
        if (!cacheKey.endsWith(`/${keyId}`)) continue;
        slots.delete(cacheKey);
        if (worker !== undefined) post({ kind: 'forget', slot });
      }
    },
    async loaded(ms = PAGE_TIMEOUT_MS) {
      started();
      for (const until = performance.now() + ms; performance.now() < until && !failed; ) {
        if ((Atomics.load(ready, 0) & LOADED_BIT) !== 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return (Atomics.load(ready, 0) & LOADED_BIT) !== 0;
    },
    async close() {
      const ending = worker;
      // Closed for good: a page sent after this is opened on this thread.
      failed = true;
      closed = true;
      worker = undefined;
      if (ending !== undefined && ending.threadId !== -1) {
        const exited = new Promise<void>((resolve) => ending.once('exit', () => resolve()));
        ending.ref(); // held open until it has zeroed its keys and ended
        ending.postMessage({ kind: 'close' } satisfies ToWorker);
        await exited;
      }
      // Whatever a page not folded left, also one the worker answered late.
      queue.length = 0;
      for (const slot of ring) slot.output.fill(0);
    },
  };
}
