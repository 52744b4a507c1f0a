/** Bytes of one slab: views of at most an eighth of it are cut from it. */
const SLAB_BYTES = 64 * 1024;
const LARGEST_CUT = SLAB_BYTES / 8;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/**
 * A fresh, zeroed `Uint8Array` of `length` bytes, cut from a shared 64 KiB buffer: every typed
 * array over 64 bytes is a separate allocation outside V8's heap (≈ 2 µs each on the bench
 * machine, three or four an event on the command path), a view of a slab ≈ 25 ns. For bytes
 * that are not secret only (ciphertexts, clear payloads), which are never zeroed: a kept view
 * keeps its whole slab, and its neighbours are other events' stored bytes. Its `buffer` is the
 * slab: read it through `byteOffset` and `byteLength`.
 */
export function slabBytes(length: number): Uint8Array {
  if (length > LARGEST_CUT) return new Uint8Array(length);
  if (used + length > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const view = new Uint8Array(slab, used, length);
  // Each view starts 8-byte aligned, as a fresh buffer does (readers view it as wider words).
  used += (length + 7) & ~7;
  return view;
}
