/**
 * The log audit's figures for the auditing guide, each measured in a fresh node process:
 * - `verify` of an export, streamed: the integrity pass (every hash chain, every stream's Merkle
 *   tree against the signed checkpoint in the trailer, the trailer itself) over exports of
 *   250 k and 1 M events on 1,000 streams and of 1 M events on 10,000 streams — memory should
 *   grow with streams, not events;
 * - checking one inclusion proof (an event in a stream of 1,000 events, the stream in a log of
 *   10,000 streams): recompute the event's chain hash, two audit paths, one Ed25519 signature.
 *
 *   pnpm tsx bench/src/log-audit.ts [--events 1m] [--quick]
 */
import { fork } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { verifyExportLog } from '@pinnstatistik/cli';
import {
  checkEventInclusion,
  createLogState,
  encodeHeader,
  GENESIS_HASH,
  hashEvent,
  proveEventInclusion,
  type RecordedEvent,
  seededRandom,
  signCheckpoint,
  signingKeyFromSeed,
} from '@pinnstatistik/core';

const HERE = fileURLToPath(import.meta.url);
const key = signingKeyFromSeed(new Uint8Array(32).fill(42));

/** One synthetic event of a private stream: 48 bytes of sealed payload, chained after `prev`. */
function eventOf(stream: string, revision: number, prev: Uint8Array, payload: Uint8Array): RecordedEvent {
  const id = `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`;
  const hash = hashEvent(prev, { stream, revision, id, type: 'Encrypted', codecId: 1, payload });
  return {
    stream,
    revision,
    position: '0',
    id,
    type: 'Encrypted',
    data: payload,
    metadata: encodeHeader(1, hash),
  };
}

/** Writes an export of `events` events spread round-robin over `streams` streams, with a signed trailer. */
async function writeSyntheticExport(file: string, events: number, streams: number): Promise<void> {
  const sink = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = async (line: string) => {
    if (!sink.write(line)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
  };
  await write(
    `${JSON.stringify({ format: 'pinnstatistik/log-export', version: 2, exportedAt: '2026-01-15T00:00:00Z', source: 'bench' })}\n`,
  );
  const random = seededRandom(42);
  const heads: Uint8Array[] = Array.from({ length: streams }, () => GENESIS_HASH);
  const state = createLogState();
  for (let index = 0; index < events; index += 1) {
    const s = index % streams;
    const stream = `tally-2025-01-${String(s).padStart(32, '0')}`;
    const event = eventOf(stream, Math.floor(index / streams), heads[s] as Uint8Array, random.bytes(48));
    heads[s] = event.metadata.subarray(2);
    state.observe(event);
    await write(
      `${JSON.stringify({
        stream,
        revision: event.revision,
        position: String(index + 1),
        id: event.id,
        type: event.type,
        data: Buffer.from(event.data).toString('base64'),
        metadata: Buffer.from(event.metadata).toString('base64'),
      })}\n`,
    );
  }
  const leaves = state.leaves();
  const checkpoint = signCheckpoint(leaves, '2026-01-15T00:00:00Z', key);
  await write(
    `${JSON.stringify({
      format: 'pinnstatistik/log-export-end',
      events,
      treeSize: leaves.length,
      root: checkpoint.root,
      checkpoint,
      eventsAfterCheckpoint: 0,
    })}\n`,
  );
  sink.end();
  await finished(sink);
}

interface VerifyFigures {
  readonly events: number;
  readonly streams: number;
  readonly seconds: number;
  /** CPU time (user + system): on a shared machine, wall time also counts other processes' turns. */
  readonly cpuSeconds: number;
  readonly peakHeapMiB: number;
  readonly maxRssMiB: number;
  readonly findings: number;
}

/** In the child: verifies the export, sampling the heap (used + array buffers) every 10 ms. */
async function measureVerify(file: string, events: number, streams: number): Promise<VerifyFigures> {
  let peak = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.heapUsed + usage.arrayBuffers);
  };
  const timer = setInterval(sample, 10);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const check = await verifyExportLog(file, { publicKeys: [key.publicKey], onProgress: sample });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  sample();
  return {
    events,
    streams,
    seconds: Math.round(seconds * 10) / 10,
    cpuSeconds: Math.round((used.user + used.system) / 1e5) / 10,
    peakHeapMiB: Math.round(peak / 2 ** 20),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    findings: check.findings.length,
  };
}

/** In the child: one inclusion proof checked many times; microseconds per check. */
interface InclusionFigures {
  readonly microsecondsPerCheck: number;
  readonly cpuMicrosecondsPerCheck: number;
  readonly streamEvents: number;
  readonly logStreams: number;
}

function measureInclusion(): InclusionFigures {
  const random = seededRandom(7);
  const stream = 'tally-2025-01-ffff';
  const hashes: Uint8Array[] = [];
  let prev = GENESIS_HASH;
  const events: RecordedEvent[] = [];
  for (let revision = 0; revision < 1000; revision += 1) {
    const event = eventOf(stream, revision, prev, random.bytes(48));
    events.push(event);
    prev = event.metadata.subarray(2);
    hashes.push(prev);
  }
  const state = createLogState();
  for (const event of events) state.observe(event);
  const leaves = [
    ...state.leaves(),
    ...Array.from({ length: 9999 }, (_, index) => ({
      stream: `series-${String(index).padStart(8, '0')}`,
      size: 5,
      root: random.bytes(32),
    })),
  ];
  const checkpoint = signCheckpoint(leaves, '2026-01-15T00:00:00Z', key);
  const proof = proveEventInclusion(events[617] as RecordedEvent, hashes, checkpoint);
  if (checkEventInclusion(proof, key.publicKey) !== undefined) throw new Error('the proof does not hold');
  const rounds = 20_000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) checkEventInclusion(proof, key.publicKey);
  const microseconds = ((performance.now() - started) * 1000) / rounds;
  const used = process.cpuUsage(cpu);
  return {
    microsecondsPerCheck: Math.round(microseconds),
    cpuMicrosecondsPerCheck: Math.round((used.user + used.system) / rounds),
    streamEvents: 1000,
    logStreams: leaves.length,
  };
}

function inChild<T>(task: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(HERE, ['--child', JSON.stringify(task)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: { ok: boolean; result?: T; error?: string }) =>
      message.ok ? resolve(message.result as T) : reject(new Error(message.error)),
    );
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`child exited with ${code}`))));
  });
}

async function child(task: {
  kind: string;
  file?: string;
  events?: number;
  streams?: number;
}): Promise<void> {
  const send = (result: unknown) => process.send?.({ ok: true, result }, () => process.exit(0));
  try {
    if (task.kind === 'verify')
      send(await measureVerify(task.file as string, task.events as number, task.streams as number));
    else send(measureInclusion());
  } catch (error) {
    process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () =>
      process.exit(1),
    );
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const million = quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-log-audit-'));
  const rows: VerifyFigures[] = [];
  try {
    for (const [events, streams] of [
      [million / 4, 1000],
      [million, 1000],
      [million, 10_000],
    ] as const) {
      const file = join(dir, `export-${events}-${streams}.jsonl`);
      await writeSyntheticExport(file, events, streams);
      rows.push(await inChild<VerifyFigures>({ kind: 'verify', file, events, streams }));
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const inclusion = await inChild<InclusionFigures>({ kind: 'inclusion' });
  console.log(
    '| events | streams | verify, wall (s) | CPU (s) | peak heap + buffers (MiB) | max RSS (MiB) | findings |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows)
    console.log(
      `| ${row.events.toLocaleString('en')} | ${row.streams.toLocaleString('en')} | ${row.seconds} | ${row.cpuSeconds} | ${row.peakHeapMiB} | ${row.maxRssMiB} | ${row.findings} |`,
    );
  console.log(
    `\none inclusion proof (an event among ${inclusion.streamEvents} in its stream, ${inclusion.logStreams.toLocaleString('en')} streams in the log): ${inclusion.cpuMicrosecondsPerCheck} µs CPU, ${inclusion.microsecondsPerCheck} µs wall`,
  );
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(JSON.parse(process.argv[at + 1] as string));
else await main();
