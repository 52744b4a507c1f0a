/**
 * What the main thread and the opening worker exchange (see `parallel-opener.ts`). Requests go
 * as messages; everything else lies in memory both threads share, so the main thread never waits
 * for a turn of its event loop (a replay that answers at once never takes one): the ciphertexts
 * in, the plaintexts out, where each lies, and a status word the worker flips when a page is done.
 */

/** Numbers per event in a request's `items`: key slot, stream index, id start and end, data start and end. */
export const ITEM_WORDS = 6;

/** A slot's status word: no page, a page sent, a page opened. */
export const SLOT_IDLE = 0;
export const SLOT_SENT = 1;
export const SLOT_OPENED = 2;

/** The algorithms the worker opens, as bits of its ready word (0 until it has loaded). */
export const ALGORITHM_BITS: Readonly<Record<string, number>> = {
  'aes-256-gcm': 1,
  'xchacha20-poly1305': 2,
};
/** Set in the ready word once the worker has loaded, whatever it can open. */
export const LOADED_BIT = 1 << 30;

/** What the worker is started with. */
export interface WorkerStart {
  /** Where `sodium-native` loads from, if anywhere. */
  readonly sodiumPath: string | undefined;
  /** One word: {@link LOADED_BIT} and the {@link ALGORITHM_BITS} it can open. */
  readonly ready: Int32Array;
}

/** A key the worker opens with, under a slot number (the key id never crosses). */
export interface KeyMessage {
  readonly kind: 'key';
  readonly slot: number;
  readonly algorithm: string;
  readonly key: Uint8Array;
}

/** A key forgotten for good: the worker zeroes it and opens nothing more with it. */
export interface ForgetMessage {
  readonly kind: 'forget';
  readonly slot: number;
}

/**
 * A page's sealed events to open. The worker writes each plaintext into `output`, followed by the
 * padding marker (so it unpads at once), and its `start` and `end` into `spans` (`end` -1 when it
 * did not open: the main thread opens that one itself, to refuse it as it always would), then
 * sets `status` to {@link SLOT_OPENED} and wakes the main thread.
 */
export interface OpenRequest {
  readonly kind: 'open';
  /** The page's stream names, by index. */
  readonly streams: readonly string[];
  /** The events' ids, one after the other. */
  readonly ids: string;
  /** {@link ITEM_WORDS} numbers per event. */
  readonly items: Uint32Array;
  /** The events' sealed payloads, one after the other (shared). */
  readonly data: Uint8Array;
  /** Where the plaintexts go (shared; zeroed by the main thread once read). */
  readonly output: Uint8Array;
  /** Two numbers per event (shared). */
  readonly spans: Int32Array;
  /** The slot's status word, then how far its plaintexts reach in `output` (shared). */
  readonly status: Int32Array;
}

/** The worker's last message: it zeroes its keys and ends. */
export interface CloseMessage {
  readonly kind: 'close';
}

export type ToWorker = KeyMessage | ForgetMessage | OpenRequest | CloseMessage;
