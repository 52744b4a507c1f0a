import {
  type Cipher,
  type CommandService,
  catalogueStream,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  periodStream,
} from '@pinnstatistik/core';
import { createCommandRecorder } from '@pinnstatistik/core/testing';
import { replay, statisticsProjection } from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { type CipherName, cipherNamed } from './ciphers.js';
import { foldDigest, foldOfSheets } from './fold-digest.js';
import { release, retain, settledHeapBytes } from './heap.js';
import { replayStreams } from './sealed-replay.js';
import { percentile, perSecond } from './stats.js';
import { now, timed } from './timer.js';
import { BENCH_NOW, createWorkload, PERIODS, type Workload } from './workload.js';

/** What one pass of the pipeline measures: record, rebuild, seal, replay sealed, memory at rest. */
export interface PipelineResult {
  readonly cipher: CipherName;
  readonly n: number;
  /** (b) the full command path, one command per call. */
  readonly commandsPerSec: number;
  readonly latencyP50Us: number;
  readonly latencyP99Us: number;
  readonly latencyMaxUs: number;
  /** Events the store holds after recording (tallies, registrations, the catalogue). */
  readonly storedEvents: number;
  /** (f) heap bytes per stored event after GC, the store and key store only. */
  readonly heapBytesPerEvent: number;
  /** (f) the mean payload of a stored event: for a sealed one its nonce, padded ciphertext and tag. */
  readonly payloadBytesPerEvent: number;
  /** (b) heap bytes per command the live command service holds after GC (its caches of sheets and series), beside the stores. */
  readonly serviceHeapBytesPerCommand: number;
  /** (c) replay + statistics projection of the open year. */
  readonly openReplayPerSec: number;
  readonly openReplayMs: number;
  readonly openDigest: string;
  /** (c∥) the same with `parallelOpening` (decryption on a second thread, a page ahead). */
  readonly openParallelReplayPerSec: number;
  readonly openParallelReplayMs: number;
  readonly openParallelDigest: string;
  /** (d) sealing the twelve months, by a fresh service (cold caches). */
  readonly sealMs: number;
  readonly sealPerSec: number;
  /** (e) replay of the sealed year: the whole log (detail skipped: its keys are gone). */
  readonly sealedFullReplayMs: number;
  readonly sealedFullDigest: string;
  /** (e) replay of the sealed year from the period streams' tables (the auditor's replay). */
  readonly sealedReplayMs: number;
  readonly sealedReplayEvents: number;
  readonly sealedDigest: string;
}

/** A memory store and key store with a catalogue adopted, and a service over them. */
export async function openService(
  workload: Workload,
  cipher: Cipher,
  store: EventStore = createMemoryEventStore(),
  keys: KeyStore = createMemoryKeyStore(),
): Promise<{ store: EventStore; keys: KeyStore; service: CommandService }> {
  const service = createCommandService({
    store,
    keys,
    catalogueId: workload.catalogue.id,
    clock: fixedClock(BENCH_NOW),
    cipher,
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: '0a0b0c0d-0000-4000-8000-000000000001',
    catalogue: workload.catalogue,
  });
  if (adopted._tag === 'Left') throw new Error(adopted.left.message.en);
  return { store, keys, service };
}

/**
 * Records the workload through the command service as a counsellor would, timing every
 * command: a contact of an intervention that requires a series is a session of a series (the
 * recorder opens and closes series within the policy's limit; those commands are timed with
 * the session that needs them), everything else a tally. Any refusal throws.
 */
export async function recordWorkload(
  service: CommandService,
  workload: Workload,
  latencies: Float64Array,
  afterEach?: () => void,
): Promise<number> {
  const recorder = createCommandRecorder(service, workload.catalogue);
  let index = 0;
  const start = now();
  for (const command of workload.commands()) {
    const began = now();
    await recorder.record(command);
    latencies[index] = now() - began;
    index += 1;
    afterEach?.();
  }
  return now() - start;
}

async function record(
  workload: Workload,
  cipher: Cipher,
  latencies: Float64Array,
): Promise<{ store: EventStore; keys: KeyStore; recordMs: number; withServiceHeap: number }> {
  const { store, keys, service } = await openService(workload, cipher);
  const recordMs = await recordWorkload(service, workload, latencies);
  // Held on purpose while measured: no later line reads the service.
  retain(service);
  const withServiceHeap = settledHeapBytes();
  release();
  return { store, keys, recordMs, withServiceHeap };
}

/** Runs the pipeline at N with one cipher, in this (fresh) process. */
export async function measurePipeline(n: number, cipherName: CipherName): Promise<PipelineResult> {
  const workload = createWorkload(n);
  const cipher = cipherNamed(cipherName);
  const latencies = new Float64Array(n);
  const before = settledHeapBytes();
  // Recorded in a function of its own, so nothing of the service outlives it but the stores.
  const { store, keys, recordMs, withServiceHeap } = await record(workload, cipher, latencies);
  const storedEvents = (store as { size?: number }).size ?? 0;
  // A turn of the event loop first: the last commands' settled promises reach the service
  // until then (without it this row read ≈ 0 B while the service held megabytes).
  await new Promise((resolve) => setTimeout(resolve, 10));
  const storesHeap = settledHeapBytes();
  const heapBytesPerEvent = (storesHeap - before) / storedEvents;
  const serviceHeapBytesPerCommand = (withServiceHeap - storesHeap) / n;
  const payloadBytesPerEvent = await meanPayloadBytes(store);

  const projection = () => statisticsProjection({ keys, ciphers: [cipher] });
  const open = await timed(() => replay(store, projection()));
  const openDigest = foldDigest(foldOfSheets(open.result.state.sheets()));
  const openParallel = await timed(() =>
    replay(store, statisticsProjection({ keys, ciphers: [cipher], parallelOpening: true })),
  );
  const openParallelDigest = foldDigest(foldOfSheets(openParallel.result.state.sheets()));

  const sealer = createCommandService({
    store,
    keys,
    catalogueId: workload.catalogue.id,
    clock: fixedClock(BENCH_NOW),
    cipher,
  });
  const seal = await timed(async () => {
    for (const [index, period] of PERIODS.entries()) {
      const sealed = await sealer.sealPeriod({
        type: 'SealPeriod',
        commandId: `5ea1ed00-0000-4000-8000-${String(index).padStart(12, '0')}`,
        period,
      });
      if (sealed._tag === 'Left') throw new Error(`sealing ${period} was refused: ${sealed.left.message.en}`);
    }
  });

  const full = await timed(() => replay(store, projection()));
  const streams = [catalogueStream(workload.catalogue.id), ...PERIODS.map(periodStream)];
  settledHeapBytes();
  const sealed = await timed(() => replayStreams(store, projection(), streams));

  return {
    cipher: cipherName,
    n,
    commandsPerSec: perSecond(n, recordMs),
    latencyP50Us: percentile(latencies, n, 50) * 1000,
    latencyP99Us: percentile(latencies, n, 99) * 1000,
    latencyMaxUs: percentile(latencies, n, 100) * 1000,
    storedEvents,
    heapBytesPerEvent,
    payloadBytesPerEvent,
    serviceHeapBytesPerCommand,
    openReplayPerSec: perSecond(open.result.events, open.ms),
    openReplayMs: open.ms,
    openDigest,
    openParallelReplayPerSec: perSecond(openParallel.result.events, openParallel.ms),
    openParallelReplayMs: openParallel.ms,
    openParallelDigest,
    sealMs: seal.ms,
    sealPerSec: perSecond(n, seal.ms),
    sealedFullReplayMs: full.ms,
    sealedFullDigest: foldDigest(foldOfSheets(full.result.state.sheets())),
    sealedReplayMs: sealed.ms,
    sealedReplayEvents: sealed.result.events,
    sealedDigest: foldDigest(foldOfSheets(sealed.result.state.sheets())),
  };
}

/** The mean length of the stored events' payloads (`data`), read back after the heap was measured. */
async function meanPayloadBytes(store: EventStore): Promise<number> {
  let events = 0;
  let bytes = 0;
  for await (const recorded of store.readAll()) {
    events += 1;
    bytes += recorded.data.length;
  }
  return events === 0 ? 0 : bytes / events;
}
