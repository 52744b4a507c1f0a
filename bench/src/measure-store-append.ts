import { createHash } from 'node:crypto';
import type { EventToAppend } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { cipherNamed } from './ciphers.js';
import { release, retain, settledHeapBytes } from './heap.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { perSecond } from './stats.js';
import { now } from './timer.js';
import { createWorkload } from './workload.js';

/** What store-level appends measure: one event per call, envelope-shaped, encoded by the store. */
export interface StoreAppendResult {
  readonly n: number;
  readonly appendPerSec: number;
  /** Average encoded size of the events appended (bytes of data and metadata). */
  readonly encodedBytes: number;
  /** Of `encodedBytes`, the payload (`data`) alone; the rest is the envelope header. */
  readonly payloadBytes: number;
  readonly heapBytesPerEvent: number;
  /** Raw baseline: a copy of the same bytes into one array, indexed per stream in a Map. */
  readonly rawAppendPerSec: number;
  readonly rawHeapBytesPerEvent: number;
  /** Reading the whole log back (`readAll`, decode only). */
  readAllPerSec: number;
}

interface Template {
  readonly type: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** Real envelopes (encrypted, chained) from a short run of the command path, as templates. */
async function envelopeTemplates(count: number): Promise<Template[]> {
  const workload = createWorkload(count, 4242);
  const { store, service } = await openService(workload, cipherNamed('aes'));
  await recordWorkload(service, workload, new Float64Array(count));
  const templates: Template[] = [];
  for await (const event of store.readAll())
    if (event.stream.startsWith('tally-'))
      templates.push({ type: event.type, data: event.data, metadata: event.metadata });
  return templates;
}

/** Which stream each of the N events goes to: its sheet in the workload, by a stable made-up name. */
interface StreamPlan {
  readonly names: string[];
  readonly of: Uint16Array;
}

function streamPlan(n: number): StreamPlan {
  const names: string[] = [];
  const byKey = new Map<string, number>();
  const of = new Uint16Array(n);
  let index = 0;
  for (const command of createWorkload(n).commands()) {
    const period = 'date' in command ? command.date.slice(0, 7) : '';
    const key = `${period}/${command.interventionId}/${command.unitId}`;
    let ordinal = byKey.get(key);
    if (ordinal === undefined) {
      ordinal = names.length;
      names.push(`tally-${period}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`);
      byKey.set(key, ordinal);
    }
    of[index] = ordinal;
    index += 1;
  }
  return { names, of };
}

/** A fresh, deterministic event id per event (the command path derives them from command ids). */
const eventId = (index: number): string => `00000000-0000-8000-8000-${index.toString(16).padStart(12, '0')}`;

function eventAt(templates: readonly Template[], index: number): EventToAppend {
  const template = templates[index % templates.length] as Template;
  return { id: eventId(index), type: template.type, data: template.data, metadata: template.metadata };
}

interface Filled {
  readonly ms: number;
  /** Heap in use with the structure filled (after GC). */
  readonly heapWith: number;
  readonly bytes: number;
  /** Of `bytes`, the payloads alone (`data`: nonce, padded ciphertext and tag). */
  readonly payloadBytes: number;
  readonly readMs: number;
}

/** Appends N envelope-shaped events one per call into a fresh store-memory, and reads them back. */
async function fillStore(n: number, templates: readonly Template[], plan: StreamPlan): Promise<Filled> {
  const revisions = new Int32Array(plan.names.length).fill(-1);
  const store = createMemoryEventStore();
  const start = now();
  for (let index = 0; index < n; index += 1) {
    const ordinal = plan.of[index] as number;
    const revision = revisions[ordinal] as number;
    const result = await store.append(plan.names[ordinal] as string, [eventAt(templates, index)], {
      expected: revision < 0 ? 'no-stream' : revision,
    });
    if (result._tag === 'Left') throw new Error(`append refused: ${result.left.code}`);
    revisions[ordinal] = revision + 1;
  }
  const ms = now() - start;
  const heapWith = settledHeapBytes();
  let read = 0;
  const readStart = now();
  for await (const _event of store.readAll()) read += 1;
  if (read !== n) throw new Error(`read ${read} of ${n} events back`);
  return { ms, heapWith, bytes: 0, payloadBytes: 0, readMs: now() - readStart };
}

/** The raw baseline: a copy of each event's bytes in one array, indexed per stream in a Map. */
function fillRaw(n: number, templates: readonly Template[], plan: StreamPlan): Filled {
  const log: EventToAppend[] = retain([]);
  const byStream = retain(new Map<string, number[]>());
  let bytes = 0;
  let payloadBytes = 0;
  const start = now();
  for (let index = 0; index < n; index += 1) {
    const stream = plan.names[plan.of[index] as number] as string;
    const event = eventAt(templates, index);
    let indices = byStream.get(stream);
    if (indices === undefined) {
      indices = [];
      byStream.set(stream, indices);
    }
    indices.push(log.length);
    bytes += event.data.length + event.metadata.length;
    payloadBytes += event.data.length;
    // `new Uint8Array(view)` copies whatever the view is (a Buffer's `slice` would share).
    log.push({
      id: event.id,
      type: event.type,
      data: new Uint8Array(event.data),
      metadata: new Uint8Array(event.metadata),
    });
  }
  const ms = now() - start;
  return { ms, heapWith: settledHeapBytes(), bytes, payloadBytes, readMs: 0 };
}

/** Appends N envelope-shaped events one per call into store-memory, then the raw baseline. */
export async function measureStoreAppend(n: number): Promise<StoreAppendResult> {
  const templates = await envelopeTemplates(2000);
  const plan = streamPlan(n);
  const before = settledHeapBytes();
  const store = await fillStore(n, templates, plan);
  // The store is garbage now, but V8 frees array buffers' memory on a background thread:
  // measured at once, its megabytes still counted and the raw baseline read a third of its size.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const rawBefore = settledHeapBytes();
  const raw = fillRaw(n, templates, plan);
  release();
  return {
    n,
    appendPerSec: perSecond(n, store.ms),
    encodedBytes: raw.bytes / n,
    payloadBytes: raw.payloadBytes / n,
    heapBytesPerEvent: (store.heapWith - before) / n,
    rawAppendPerSec: perSecond(n, raw.ms),
    rawHeapBytesPerEvent: (raw.heapWith - rawBefore) / n,
    readAllPerSec: perSecond(n, store.readMs),
  };
}
