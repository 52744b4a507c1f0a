import type { CipherName } from './ciphers.js';
import { GUARD_SHAPES, type GuardResult } from './measure-guard.js';
import type { HotSheetResult } from './measure-hot-sheet.js';
import type { LiveResult } from './measure-live.js';
import type { PipelineResult } from './measure-pipeline.js';
import type { PostgresResult } from './measure-postgres.js';
import type { PostgresOpsResult } from './measure-postgres-ops.js';
import type { RawResult } from './measure-raw.js';
import type { StoreAppendResult } from './measure-store-append.js';
import { type PeersResults, peersRows } from './peers/peers-report.js';
import type { PostgresPeersResults } from './peers/postgres-peers-report.js';

/** Everything one run measured (medians over its repetitions). */
export interface Results {
  readonly raw?: RawResult;
  readonly appendSmall?: StoreAppendResult;
  readonly appendLarge?: StoreAppendResult;
  readonly pipeline: Partial<Record<CipherName, PipelineResult>>;
  readonly live?: LiveResult;
  readonly postgres?: PostgresResult;
  readonly guard?: GuardResult;
  readonly postgresOps?: PostgresOpsResult;
  readonly peers?: PeersResults;
  /** The PEERS workload on PostgreSQL: Emmett's PostgreSQL event store beside store-postgres. */
  readonly postgresPeers?: PostgresPeersResults;
  readonly sodiumUnavailable?: string;
}

/** One line of the table: a figure, its raw baseline, their ratio and the target. */
export interface Row {
  readonly id: string;
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  readonly raw?: number;
  /** How the figure compares with its raw baseline, in words (`0.12× raw`, `6.0× raw bytes`). */
  readonly vsRaw?: string;
  readonly ratio?: number;
  readonly target?: string;
  readonly met?: boolean;
}

const k = (value: number): string =>
  value >= 1e6
    ? `${(value / 1e6).toFixed(2)} M`
    : value >= 1e4
      ? `${(value / 1e3).toFixed(1)} k`
      : value >= 100
        ? value.toFixed(0)
        : value.toFixed(1);

const ratioOf = (value: number, raw: number | undefined): number | undefined =>
  raw === undefined || raw === 0 ? undefined : value / raw;

/** The table's rows from a run's results. */
export function rows(results: Results): Row[] {
  const out: Row[] = [];
  const { raw, appendSmall, appendLarge, live, postgres, postgresOps, peers } = results;
  if (peers !== undefined) out.push(...peersRows(peers));
  const rate = (
    id: string,
    measure: string,
    value: number,
    rawValue: number | undefined,
    target?: string,
    met?: boolean,
  ) => {
    const ratio = ratioOf(value, rawValue);
    out.push({
      id,
      measure,
      value,
      unit: id.startsWith('b-') ? 'cmd/s' : 'ev/s',
      ...(rawValue === undefined ? {} : { raw: rawValue }),
      ...(ratio === undefined ? {} : { ratio, vsRaw: `${ratio.toFixed(3)}× raw` }),
      ...(target === undefined ? {} : { target }),
      ...(met === undefined ? {} : { met }),
    });
  };
  for (const append of [appendSmall, appendLarge]) {
    if (append === undefined) continue;
    rate(
      `a-append-${append.n}`,
      `(a) store-memory append, 1 event/call, N = ${k(append.n)}`,
      append.appendPerSec,
      append.rawAppendPerSec,
      '≥ 400 k ev/s',
      append.appendPerSec >= 400_000,
    );
  }
  if (appendSmall !== undefined && appendLarge !== undefined && appendLarge.n !== appendSmall.n) {
    const flat = appendLarge.appendPerSec / appendSmall.appendPerSec;
    out.push({
      id: 'a-flat',
      measure: `(a) append flat in N: rate at ${k(appendLarge.n)} ÷ rate at ${k(appendSmall.n)}`,
      value: flat,
      unit: '×',
      target: '≥ 0.8 (within 20 %)',
      met: flat >= 0.8,
    });
  }
  for (const cipher of ['aes', 'sodium'] as const) {
    const pipeline = results.pipeline[cipher];
    if (pipeline === undefined) continue;
    const name = cipher === 'aes' ? 'AES-GCM (node)' : 'XChaCha20 (sodium)';
    rate(
      `b-command-${cipher}`,
      `(b) full command path, ${name}`,
      pipeline.commandsPerSec,
      raw?.appendPerSec,
      '≥ 50 k cmd/s',
      pipeline.commandsPerSec >= 50_000,
    );
    out.push({
      id: `b-latency-${cipher}`,
      measure: `(b) single-command latency p50 / p99, ${name}`,
      value: pipeline.latencyP99Us,
      unit: `µs p99 (p50 ${pipeline.latencyP50Us.toFixed(0)} µs)`,
      target: 'p99 < 1,000 µs',
      met: pipeline.latencyP99Us < 1000,
    });
    rate(
      `c-open-${cipher}`,
      `(c) replay + statistics of the open year, ${name}`,
      pipeline.openReplayPerSec,
      raw?.foldPerSec,
      cipher === 'aes' ? '≥ 100 k ev/s' : '≥ 250 k ev/s',
      pipeline.openReplayPerSec >= (cipher === 'aes' ? 100_000 : 250_000),
    );
    // Runs from before parallel opening have no such row.
    if (pipeline.openParallelReplayPerSec !== undefined)
      rate(
        `c-open-parallel-${cipher}`,
        `(c∥) the same with parallelOpening (decryption on a second thread), ${name}`,
        pipeline.openParallelReplayPerSec,
        raw?.foldPerSec,
        cipher === 'aes' ? '≥ 100 k ev/s' : '≥ 250 k ev/s',
        pipeline.openParallelReplayPerSec >= (cipher === 'aes' ? 100_000 : 250_000),
      );
    rate(
      `d-seal-${cipher}`,
      `(d) sealing the year (12 months), detail ev/s, ${name}`,
      pipeline.sealPerSec,
      raw?.foldPerSec,
    );
    const rawMs = raw === undefined ? undefined : (raw.foldMs * pipeline.n) / raw.n;
    out.push({
      id: `e-sealed-${cipher}`,
      measure: `(e) replay of the sealed year (period streams: ${pipeline.sealedReplayEvents} events), ${name}`,
      value: pipeline.sealedReplayMs,
      unit: 'ms',
      ...(rawMs === undefined
        ? {}
        : {
            raw: rawMs,
            ratio: rawMs / pipeline.sealedReplayMs,
            vsRaw: `${(rawMs / pipeline.sealedReplayMs).toFixed(1)}× faster than raw fold of N`,
          }),
      target: '< 100 ms whatever N',
      met: pipeline.sealedReplayMs < 100,
    });
    out.push({
      id: `e-sealed-full-${cipher}`,
      measure: `(e') replay of the whole sealed log (detail skipped, keys gone), ${name}`,
      value: pipeline.sealedFullReplayMs,
      unit: 'ms',
      ...(rawMs === undefined
        ? {}
        : {
            raw: rawMs,
            ratio: rawMs / pipeline.sealedFullReplayMs,
            vsRaw: `${(rawMs / pipeline.sealedFullReplayMs).toFixed(2)}× raw fold time`,
          }),
    });
    // Item 4's target is judged on the store-level row below: measured here, by the heap's growth
    // over a whole command path, what the store adds came out at -18 B at N = 1 M — below the
    // payload itself, so this difference cannot resolve tens of bytes.
    out.push({
      id: `f-heap-${cipher}`,
      measure: `(f) heap per stored event after GC (command-path events, with the key store; payload ${pipeline.payloadBytesPerEvent.toFixed(0)} B — item 4's "+ 80 B" is judged on the store-level row), ${name}`,
      value: pipeline.heapBytesPerEvent,
      unit: 'B/event',
      ...(raw === undefined
        ? {}
        : {
            raw: raw.heapBytesPerEvent,
            ratio: pipeline.heapBytesPerEvent / raw.heapBytesPerEvent,
            vsRaw: `${(pipeline.heapBytesPerEvent / raw.heapBytesPerEvent).toFixed(2)}× raw bytes`,
          }),
    });
    out.push({
      id: `b-service-heap-${cipher}`,
      measure: `(b) heap the live command service holds per command recorded (its sheets' indexes, series and caches), ${name}`,
      value: pipeline.serviceHeapBytesPerCommand,
      unit: 'B/command',
      target: 'bounded (flat in N)',
    });
  }
  for (const append of [appendLarge ?? appendSmall]) {
    if (append === undefined) continue;
    out.push({
      id: 'f-heap-store',
      measure: `(f) heap per stored event after GC (store-level envelopes, ${append.encodedBytes.toFixed(0)} B encoded, ${append.payloadBytes.toFixed(0)} B of it payload: header and store add ${(append.heapBytesPerEvent - append.payloadBytes).toFixed(0)} B), N = ${k(append.n)}`,
      value: append.heapBytesPerEvent,
      unit: 'B/event',
      raw: append.rawHeapBytesPerEvent,
      ratio: append.heapBytesPerEvent / append.rawHeapBytesPerEvent,
      vsRaw: `${(append.heapBytesPerEvent / append.rawHeapBytesPerEvent).toFixed(2)}× raw bytes (copies in an array)`,
      target: '≤ payload + 80 B',
      met: append.heapBytesPerEvent - append.payloadBytes <= 80,
    });
  }
  if (live !== undefined) {
    const command = results.pipeline[live.cipher];
    out.push({
      id: 'live',
      measure: `live projection beside the command path (N = ${k(live.n)}): cmd/s with it; lag at the end ${live.lagAtEnd} events, max ${live.maxLag}, drained in ${live.drainMs.toFixed(0)} ms`,
      value: live.commandsPerSec,
      unit: 'cmd/s',
      ...(command === undefined
        ? {}
        : {
            raw: command.commandsPerSec,
            ratio: live.commandsPerSec / command.commandsPerSec,
            vsRaw: `${(live.commandsPerSec / command.commandsPerSec).toFixed(2)}× the command path alone`,
          }),
      target: 'keeps up (lag bounded)',
      met: live.maxLag <= 1000,
    });
  }
  if (postgres !== undefined) {
    const memory = appendSmall ?? appendLarge;
    out.push({
      id: 'pg-append',
      measure: `PostgreSQL append, 1 event/call (command-path events), N = ${k(postgres.n)}`,
      value: postgres.appendPerSec,
      unit: 'ev/s',
      ...(memory === undefined
        ? {}
        : {
            raw: memory.appendPerSec,
            ratio: postgres.appendPerSec / memory.appendPerSec,
            vsRaw: `${(postgres.appendPerSec / memory.appendPerSec).toFixed(4)}× store-memory`,
          }),
    });
    out.push({
      id: 'pg-replay',
      measure: `PostgreSQL replay + statistics of the open year (AES), N = ${k(postgres.n)}`,
      value: postgres.replayPerSec,
      unit: 'ev/s',
      raw: postgres.memoryReplayPerSec,
      ratio: postgres.replayPerSec / postgres.memoryReplayPerSec,
      vsRaw: `${(postgres.replayPerSec / postgres.memoryReplayPerSec).toFixed(2)}× store-memory`,
    });
  }
  const { guard } = results;
  if (guard !== undefined) {
    const shape = GUARD_SHAPES[Math.round(guard.worstShape)]?.name ?? '?';
    out.push({
      id: 'g-guard-scan',
      measure: `(g) guard: worst-shape scan of a maximal note (2,000 characters; worst of ${GUARD_SHAPES.length} shapes: ${shape}); at 64 KB ${guard.worstMsPerKbAt64k.toFixed(3)} ms/KB`,
      value: guard.worstMsPerKb,
      unit: 'ms/KB',
      target: '< 1 ms per KB',
      met: guard.worstMsPerKb < 1,
    });
    out.push({
      id: 'g-guard-tally',
      measure: `(g) guard per tally: scan of a TallyContact (snapshot + scan ${guard.boundaryUsPerTally.toFixed(1)} µs; the whole door with parsing ${guard.parseUsPerTally.toFixed(1)} µs)`,
      value: guard.guardUsPerTally,
      unit: 'µs/tally',
    });
  }
  if (postgresOps !== undefined) out.push(...postgresOpsRows(postgresOps));
  return out;
}

/** A figure beside what it is compared with. */
const versus = (value: number, raw: number, what: string) => ({
  raw,
  ratio: value / raw,
  vsRaw: `${(value / raw).toFixed(2)}× ${what}`,
});

/** The PostgreSQL operations rows, each beside the plain SQL doing the same writes. */
function postgresOpsRows(ops: PostgresOpsResult): Row[] {
  const load = `load ${ops.loadAverage.toFixed(1)}`;
  return [
    {
      id: 'pg-bulk',
      measure: `PostgreSQL appendBatch (import path): ${k(ops.bulkEvents)} events, ${k(ops.bulkBatch)} per atomic batch over 50 streams (${load})`,
      value: ops.bulkPerSec,
      unit: 'ev/s',
      ...versus(ops.bulkPerSec, ops.rawBulkPerSec, 'plain INSERT … SELECT unnest'),
      target: '≥ 20 k ev/s',
      met: ops.bulkPerSec >= 20_000,
    },
    {
      id: 'pg-in-flight',
      measure: `PostgreSQL appends, 16 in flight on distinct streams, 1 event each (${load})`,
      value: ops.inFlightPerSec,
      unit: 'appends/s',
      ...versus(ops.inFlightPerSec, ops.rawInFlightPerSec, 'one plain INSERT per transaction'),
      target: '≥ 1,000 /s',
      met: ops.inFlightPerSec >= 1_000,
    },
    {
      id: 'pg-hot-1',
      measure: 'PostgreSQL hot stream, 1 writer (read revision, append; conflicts retried)',
      value: ops.hotOnePerSec,
      unit: 'cmd/s',
    },
    {
      id: 'pg-hot-8',
      measure: `PostgreSQL hot stream, 8 writers on separate pools: ${ops.hotEightRetriesPerCommand.toFixed(2)} conflicts retried per command, ${ops.hotEightConflictsReturnedPct.toFixed(2)} % returned to callers`,
      value: ops.hotEightPerSec,
      unit: 'cmd/s',
      ...versus(ops.hotEightPerSec, ops.hotOnePerSec, 'one writer'),
      target: '≥ 1 writer, returned < 1 %',
      met: ops.hotEightPerSec >= ops.hotOnePerSec && ops.hotEightConflictsReturnedPct < 1,
    },
    {
      id: 'pg-hot-8-turns',
      measure: `PostgreSQL hot stream, 8 writers taking turns (store.exclusive, an advisory lock per stream): ${ops.hotEightTurnsConflictsReturnedPct.toFixed(2)} % returned`,
      value: ops.hotEightTurnsPerSec,
      unit: 'cmd/s',
      ...versus(ops.hotEightTurnsPerSec, ops.hotOnePerSec, 'one writer'),
      target: '≥ 1 writer, returned < 1 %',
      met: ops.hotEightTurnsPerSec >= ops.hotOnePerSec && ops.hotEightTurnsConflictsReturnedPct < 1,
    },
    ...hotSheetRows(ops.hotSheet),
    {
      id: 'pg-stall',
      measure: `PostgreSQL, a stalled connection: the call threw ${ops.stalledOutcome} after (default query timeout ${ops.defaultQueryTimeoutMs.toLocaleString('en')} ms)`,
      value: ops.stalledFailsAfterMs,
      unit: 'ms',
      target: '≤ 30,000 ms',
      met: ops.stalledFailsAfterMs <= 30_000,
    },
  ];
}

/** The command path on one hot sheet: every run beside the faster single writer; every 8-writer run with turns carries the target. */
function hotSheetRows(runs: readonly HotSheetResult[]): Row[] {
  // The better single writer is the bar: one writer needs no turns.
  const single = runs
    .filter((run) => run.writers === 1)
    .reduce<HotSheetResult | undefined>(
      (best, run) => (best === undefined || run.perSec > best.perSec ? run : best),
      undefined,
    );
  return runs.map((run): Row => {
    const shape = `${run.writers} writer${run.writers === 1 ? '' : 's'} × ${run.inFlight} in flight`;
    const how = run.turns ? 'taking turns (store.exclusive)' : 'expected revisions only';
    const targeted = run.writers === 8 && run.turns;
    return {
      id: `pg-sheet-${run.writers}x${run.inFlight}${run.turns ? '' : '-free'}`,
      measure: `PostgreSQL command path, one hot sheet, ${shape}, ${how}: ${run.conflictsReturnedPct.toFixed(2)} % CONCURRENCY_CONFLICT returned`,
      value: run.perSec,
      unit: 'cmd/s',
      ...(single === undefined || run === single
        ? {}
        : versus(run.perSec, single.perSec, 'the faster single writer')),
      ...(targeted && single !== undefined
        ? {
            target: '≥ 1 writer, returned < 1 %',
            met: run.perSec >= single.perSec && run.conflictsReturnedPct < 1,
          }
        : {}),
    };
  });
}

/** A figure for the table. */
export function formatValue(row: Row): string {
  if (row.unit === '×') return row.value.toFixed(2);
  if (row.unit === 'ms') return `${row.value.toFixed(1)} ms`;
  if (row.unit === 'ms/KB') return `${row.value.toFixed(3)} ms/KB`;
  if (row.unit === 'µs/tally') return `${row.value.toFixed(1)} µs/tally`;
  if (row.unit.startsWith('B/')) return `${row.value.toFixed(0)} B`;
  if (row.unit.startsWith('µs')) return `${row.value.toFixed(0)} ${row.unit}`;
  return `${k(row.value)} ${row.unit}`;
}

function formatRaw(row: Row): string {
  if (row.raw === undefined) return '';
  if (row.unit === 'ms') return `${row.raw.toFixed(1)} ms`;
  if (row.unit.startsWith('B/')) return `${row.raw.toFixed(0)} B`;
  return `${k(row.raw)} ${row.unit === 'cmd/s' ? 'cmd/s' : 'ev/s'}`;
}

/** The table as Markdown. */
export function markdownTable(table: readonly Row[]): string {
  const lines = [
    '| measurement | figure | baseline | vs baseline | target | met |',
    '|---|---:|---:|---|---|:-:|',
    ...table.map(
      (row) =>
        `| ${row.measure} | ${formatValue(row)} | ${formatRaw(row)} | ${row.vsRaw ?? ''} | ${row.target ?? ''} | ${row.met === undefined ? '' : row.met ? 'yes' : 'no'} |`,
    ),
  ];
  return lines.join('\n');
}
