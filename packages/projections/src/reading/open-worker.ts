import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import {
  type Cipher,
  createAesGcmCipher,
  createPayloadSealer,
  createXChaChaCipher,
  type PayloadSealer,
  type SodiumNative,
  unpad,
} from '@pinnstatistik/core/opening';
import {
  ALGORITHM_BITS,
  ITEM_WORDS,
  LOADED_BIT,
  type OpenRequest,
  SLOT_OPENED,
  type ToWorker,
  type WorkerStart,
} from './opening-batch.js';

/**
 * The opening worker (see `parallel-opener.ts`): decrypts and unpads pages of sealed events with
 * the library's own ciphers, chosen by the algorithm each key was sent for. It keeps only the
 * keys it was sent, zeroes each when told it is forgotten and all of them when closed, and writes
 * every plaintext into the shared memory the main thread named for it (it keeps none).
 */
const port = parentPort;
if (port === null) throw new Error('open-worker runs as a worker thread');
const start = workerData as WorkerStart;

const require = createRequire(import.meta.url);
const ciphers = new Map<string, Cipher>([['aes-256-gcm', createAesGcmCipher()]]);
if (start.sodiumPath !== undefined) {
  try {
    const cipher = createXChaChaCipher(require(start.sodiumPath) as SodiumNative);
    ciphers.set(cipher.algorithm, cipher);
  } catch {
    // Not loadable here: the main thread opens that algorithm's events itself.
  }
}

const keys = new Map<number, { readonly key: Uint8Array; readonly sealer: PayloadSealer }>();
const scratch = new Uint8Array(32 * 1024);
// Each sealed payload is copied out of the shared memory first: sodium-native reads no shared buffer.
let sealedCopy = new Uint8Array(2048);

function forget(slot: number): void {
  keys.get(slot)?.key.fill(0);
  keys.delete(slot);
}

/** Opens one event into `output` at `at`; returns where its plaintext ends, or -1. */
function openOne(request: OpenRequest, item: number, at: number): number {
  const { items } = request;
  const base = item * ITEM_WORDS;
  const kept = keys.get(items[base] as number);
  if (kept === undefined) return -1;
  const start = items[base + 4] as number;
  const length = (items[base + 5] as number) - start;
  if (sealedCopy.length < length) sealedCopy = new Uint8Array(2 * length);
  sealedCopy.set(request.data.subarray(start, start + length));
  const sealed = sealedCopy.subarray(0, length);
  const context = {
    stream: request.streams[items[base + 1] as number] as string,
    eventId: request.ids.slice(items[base + 2], items[base + 3]),
  };
  let padded: Uint8Array | undefined;
  try {
    padded = kept.sealer.open(sealed, context, scratch);
    const text = padded === undefined ? undefined : unpad(padded);
    if (text === undefined) return -1;
    request.output.set(text, at);
    request.output[at + text.length] = 0x80;
    return at + text.length + 1;
  } catch {
    return -1; // left to the main thread, which refuses it as it always would
  } finally {
    // Wherever the cipher put the plaintext, and what it wrote into the scratch.
    if (padded !== undefined && padded.buffer !== scratch.buffer) padded.fill(0);
    scratch.fill(0, 0, Math.min(scratch.length, sealed.length));
  }
}

function open(request: OpenRequest): void {
  const count = request.items.length / ITEM_WORDS;
  let at = 0;
  for (let item = 0; item < count; item += 1) {
    const end = openOne(request, item, at);
    request.spans[2 * item] = at;
    request.spans[2 * item + 1] = end;
    if (end >= 0) at = end;
  }
  // How far plaintexts reach, for the main thread's zeroing.
  Atomics.store(request.status, 1, at);
  Atomics.store(request.status, 0, SLOT_OPENED);
  Atomics.notify(request.status, 0);
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'key': {
      const cipher = ciphers.get(message.algorithm);
      if (cipher === undefined) {
        message.key.fill(0);
        return;
      }
      forget(message.slot);
      keys.set(message.slot, { key: message.key, sealer: createPayloadSealer(cipher, message.key) });
      return;
    }
    case 'forget':
      forget(message.slot);
      return;
    case 'open':
      open(message);
      return;
    case 'close':
      for (const slot of [...keys.keys()]) forget(slot);
      process.exit(0);
  }
});

let bits = LOADED_BIT;
for (const algorithm of ciphers.keys()) bits |= ALGORITHM_BITS[algorithm] ?? 0;
Atomics.store(start.ready, 0, bits);
Atomics.notify(start.ready, 0);
