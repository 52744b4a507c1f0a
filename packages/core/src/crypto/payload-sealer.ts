import type { PayloadSealer, SealContext } from '../envelope/seal-event.js';
import type { Cipher } from './cipher.js';

/** Associated data binding a sealed payload to its stream and event id, so it cannot be moved. */
export function associatedData(context: SealContext): Uint8Array {
  return Buffer.from(`${context.stream}\u0000${context.eventId}`, 'utf8');
}

let scratch = Buffer.alloc(1024);
let scratchInUse = false;
/**
 * Views of the scratch's first bytes, by length: an event's associated data is a view of it, and
 * making a Buffer view per event cost more than a tenth of the opening outside the cipher. The
 * views are rewritten in place (ciphers never keep associated data past returning).
 */
let viewsByLength: Uint8Array[] = [];

function scratchView(length: number): Uint8Array {
  let view = viewsByLength[length];
  if (view === undefined) {
    view = new Uint8Array(scratch.buffer, scratch.byteOffset, length);
    viewsByLength[length] = view;
  }
  return view;
}

/**
 * Writes an ASCII string into the scratch at `from` and returns where it ends, or -1 at the first
 * other character (the caller writes it as UTF-8 instead: the bytes are the same for ASCII).
 * Stream names and event ids are ASCII: a loop here costs less than `Buffer.write`'s two calls.
 */
function writeAscii(text: string, from: number): number {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) return -1;
    scratch[from + index] = code;
  }
  return from + text.length;
}

// The associated data of the event being sealed or opened, written into one buffer: a new
// buffer per event cost more than the hashing of it. Ciphers read it synchronously; a cipher
// that seals or opens with a sealer of its own meanwhile (envelope encryption) gets a fresh one.
function withAssociatedData<T>(context: SealContext, use: (associated: Uint8Array) => T): T {
  if (scratchInUse) return use(associatedData(context));
  const needed = 3 * (context.stream.length + context.eventId.length) + 1;
  if (needed > scratch.length) {
    scratch = Buffer.alloc(2 * needed);
    viewsByLength = [];
  }
  let at = writeAscii(context.stream, 0);
  if (at === -1) at = scratch.write(context.stream, 0, 'utf8');
  scratch[at] = 0;
  const idAt = writeAscii(context.eventId, at + 1);
  at = idAt === -1 ? at + 1 + scratch.write(context.eventId, at + 1, 'utf8') : idAt;
  scratchInUse = true;
  try {
    return use(scratchView(at));
  } finally {
    scratchInUse = false;
  }
}

/** Seals payloads under one key (a period's or a series') with a cipher. */
export function createPayloadSealer(cipher: Cipher, key: Uint8Array): PayloadSealer {
  return {
    algorithm: cipher.algorithm,
    seal: (plaintext, context) =>
      withAssociatedData(context, (associated) => cipher.encrypt(key, plaintext, associated)),
    open: (sealed, context, into) =>
      withAssociatedData(context, (associated) => cipher.decrypt(key, sealed, associated, into)),
  };
}
