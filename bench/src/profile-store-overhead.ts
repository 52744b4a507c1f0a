import { randomUUID } from 'node:crypto';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { settledHeapBytes } from './heap.js';

/**
 * What store-memory holds beyond the bytes of the events it keeps, split into typed arrays
 * (records, offsets, columns, indexes) and the JavaScript heap (the ids kept as strings, and
 * what does not grow with N):
 * `node --expose-gc --import tsx bench/src/profile-store-overhead.ts 100000`.
 * Events are shaped as the command path's tallies: 1,052 bytes of ciphertext and a 34-byte
 * header, one per append, over the PEERS workload's 1,224 streams, with random UUIDs as ids.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const data = new Uint8Array(1052).fill(7);
  const metadata = new Uint8Array(34).fill(2);
  const streams = Array.from({ length: 1224 }, (_, i) => `tally-2026-01-${i.toString(16).padStart(32, '0')}`);
  settledHeapBytes();
  const before = process.memoryUsage();
  const store = createMemoryEventStore();
  const revisions = new Int32Array(streams.length).fill(-1);
  for (let index = 0; index < n; index += 1) {
    const stream = index % streams.length;
    const revision = revisions[stream] as number;
    const appended = await store.append(
      streams[stream] as string,
      [{ id: randomUUID(), type: 'Encrypted', data, metadata }],
      { expected: revision < 0 ? 'no-stream' : revision },
    );
    if (appended._tag === 'Left') throw new Error(appended.left.code);
    revisions[stream] = revision + 1;
  }
  settledHeapBytes();
  const after = process.memoryUsage();
  const eventBytes = data.length + metadata.length;
  const typedArrays = (after.arrayBuffers - before.arrayBuffers) / n - eventBytes;
  const heap = (after.heapUsed - before.heapUsed) / n;
  console.log(
    `${store.size} events of ${eventBytes} bytes: the store adds ${(typedArrays + heap).toFixed(1)} B an event — ` +
      `${typedArrays.toFixed(1)} B in typed arrays, ${heap.toFixed(1)} B on the heap`,
  );
}

void main();
