import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { Task } from './child.js';
import { type CipherName, sodiumUnavailable } from './ciphers.js';
import { staleBuild } from './library-build.js';
import { describeMachine } from './machine.js';
import type { GuardResult } from './measure-guard.js';
import type { LiveResult } from './measure-live.js';
import type { PipelineResult } from './measure-pipeline.js';
import type { PostgresResult } from './measure-postgres.js';
import type { PostgresOpsResult } from './measure-postgres-ops.js';
import type { RawResult } from './measure-raw.js';
import type { StoreAppendResult } from './measure-store-append.js';
import { PEER_NAMES } from './peers/implementations.js';
import type { PeerResult } from './peers/measure-peers.js';
import { POSTGRES_PEER_NAMES, type PostgresPeerResult } from './peers/measure-postgres-peers.js';
import { type PeersResults, peersTable } from './peers/peers-report.js';
import { type PostgresPeersResults, postgresPeersTable } from './peers/postgres-peers-report.js';
import { formatValue, markdownTable, type Results, rows } from './report.js';
import { childFlags, runChild } from './run-child.js';
import { median } from './stats.js';
import { createWorkload } from './workload.js';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

const count = (value: string): number => {
  const parsed = Number(value.replaceAll('_', '').replace(/k$/i, '000').replace(/m$/i, '000000'));
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError('a positive whole number (1000, 100k, 1m)');
  return parsed;
};

const program = new Command()
  .name('pnpm bench')
  .description(
    'The seeded tally workload (the Vaggeryd catalogue: interventions × units × 12 months, 216 sheets, mulberry32 seed 42) through store-memory, the full command path, replay, sealing and memory at rest — each beside a raw baseline — and PostgreSQL beside store-memory. Every measurement runs in a fresh node process; figures are medians over the runs.',
  )
  .option('--n <count>', 'tally commands in the workload (1000, 100k, 1m)', count, 1_000_000)
  .option('--runs <count>', 'fresh processes per measurement; the median is reported', count, 3)
  .option(
    '--pipeline-runs <count>',
    'fresh processes for the long pipeline (command path → replay → seal → sealed replay) per cipher',
    count,
    1,
  )
  .option('--quick', 'N = 100k, one run, PostgreSQL at 10k (a smoke run, about a minute)')
  .option('--small-n <count>', 'the smaller N of the store-append pair', count, 100_000)
  .option(
    '--live-n <count>',
    'commands recorded with a live projection subscribed (default: min(N, 200k))',
    count,
  )
  .option(
    '--pg-n <count>',
    'commands whose events are appended to and replayed from PostgreSQL',
    count,
    20_000,
  )
  .option(
    '--pg-url <url>',
    'an admin connection; each run creates and drops a database of its own',
    'postgres://postgres@127.0.0.1:5432/postgres',
  )
  .option(
    '--pg-ops-n <count>',
    'events in the PostgreSQL bulk appendBatch run (the operations rows: bulk, in flight, hot stream, stall)',
    count,
    60_000,
  )
  .option(
    '--pg-peers-n <count>',
    "events in the PEERS workload on PostgreSQL (Emmett's PostgreSQL event store beside store-postgres; 2,000 with --quick)",
    count,
    10_000,
  )
  .option(
    '--peers-n <count>',
    'events in the PEERS store-level workload (raw, Emmett, Castore, store-memory; default N, 100k with --quick)',
    count,
  )
  .option('--no-postgres', 'skip the PostgreSQL rows')
  .option('--no-sodium', 'measure only node AES-GCM')
  .option(
    '--only <parts>',
    'comma-separated subset: peers, peers-postgres, raw, append, pipeline, live, postgres, postgres-ops, guard',
  )
  .option('--cpu-prof <dir>', 'write a V8 CPU profile of every child process into this folder')
  .option('--out <file>', 'where the JSON goes', path.join(RESULTS, 'latest.json'));

interface Options {
  n: number;
  runs: number;
  pipelineRuns: number;
  quick?: boolean;
  smallN: number;
  liveN?: number;
  pgN: number;
  pgOpsN: number;
  peersN?: number;
  pgPeersN: number;
  pgUrl: string;
  postgres: boolean;
  sodium: boolean;
  only?: string;
  cpuProf?: string;
  out: string;
}

/** The median of every numeric field over runs; strings (digests) must agree across runs. */
function medianOf<T extends object>(runs: readonly T[]): T {
  const first = runs[0] as T;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (typeof value === 'number')
      out[key] = median(runs.map((run) => (run as Record<string, number>)[key] as number));
    else {
      const differing = runs.find((run) => (run as Record<string, unknown>)[key] !== value);
      if (differing !== undefined)
        throw new Error(`runs disagree on ${key}: the workload is not deterministic`);
      out[key] = value;
    }
  }
  return out as T;
}

async function repeat<Result extends object>(task: Task, runs: number, label: string): Promise<Result> {
  const results: Result[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const started = performance.now();
    process.stderr.write(`  ${label} — run ${run}/${runs} … `);
    results.push(await runChild<Result>(task));
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return medianOf(results);
}

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<Options>();
  if (options.quick) {
    options.n = program.getOptionValueSource('n') === 'cli' ? options.n : 100_000;
    options.runs = program.getOptionValueSource('runs') === 'cli' ? options.runs : 1;
    options.pgN = program.getOptionValueSource('pgN') === 'cli' ? options.pgN : 10_000;
    options.peersN ??= 100_000;
    options.pgPeersN = program.getOptionValueSource('pgPeersN') === 'cli' ? options.pgPeersN : 2_000;
  }
  if (options.cpuProf !== undefined) {
    mkdirSync(options.cpuProf, { recursive: true });
    childFlags.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProf)}`);
  }
  const parts = new Set(
    (options.only ?? 'peers,peers-postgres,raw,append,pipeline,live,postgres,postgres-ops,guard')
      .split(',')
      .map((part) => part.trim()),
  );
  const { n, runs } = options;
  const liveN = options.liveN ?? Math.min(n, 200_000);
  const unavailable = options.sodium ? sodiumUnavailable() : 'not measured (--no-sodium)';
  const ciphers: CipherName[] = unavailable === undefined ? ['aes', 'sodium'] : ['aes'];
  const machine = describeMachine();
  const stale = machine.library === 'dist' ? staleBuild() : undefined;
  if (stale !== undefined) {
    process.stderr.write(`pinnstatistik bench measures the built packages: ${stale}\n`);
    process.exit(1);
  }
  const shape = createWorkload(n).shape;
  const started = performance.now();
  process.stderr.write(
    `pinnstatistik bench: N = ${n.toLocaleString('en')}, ${runs} run(s) each (pipeline ${options.pipelineRuns}), ${machine.cpu} × ${machine.cores}, node ${machine.node}\n`,
  );
  if (machine.library === 'source')
    process.stderr.write(
      '  measuring the sources through tsx, not the built packages users install (`pnpm bench` does)\n',
    );
  if (unavailable !== undefined && options.sodium)
    process.stderr.write(`  sodium-native cannot load here: ${unavailable}\n`);

  const pipeline: Partial<Record<CipherName, PipelineResult>> = {};
  let raw: RawResult | undefined;
  let appendSmall: StoreAppendResult | undefined;
  let appendLarge: StoreAppendResult | undefined;
  let live: LiveResult | undefined;
  let postgres: PostgresResult | undefined;
  let postgresError: string | undefined;
  let guard: GuardResult | undefined;
  let postgresOps: PostgresOpsResult | undefined;
  let postgresOpsError: string | undefined;
  let peers: PeersResults | undefined;
  let postgresPeers: PostgresPeersResults | undefined;
  let postgresPeersError: string | undefined;

  if (parts.has('peers')) {
    const peersN = options.peersN ?? n;
    peers = {};
    for (const peer of PEER_NAMES)
      peers[peer] = await repeat<PeerResult>(
        { kind: 'peer', n: peersN, peer },
        runs,
        `PEERS workload, ${peer}, N = ${peersN}`,
      );
  }
  if (parts.has('peers-postgres') && options.postgres) {
    try {
      postgresPeers = {};
      for (const peer of POSTGRES_PEER_NAMES)
        postgresPeers[peer] = await repeat<PostgresPeerResult>(
          { kind: 'peer-postgres', n: options.pgPeersN, peer, url: options.pgUrl },
          runs,
          `PEERS workload on PostgreSQL, ${peer}, N = ${options.pgPeersN}`,
        );
    } catch (error) {
      postgresPeers = undefined;
      postgresPeersError =
        error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
      process.stderr.write(`  PEERS rows on PostgreSQL skipped: ${postgresPeersError}\n`);
    }
  }
  if (parts.has('raw')) raw = await repeat<RawResult>({ kind: 'raw', n }, runs, `raw baseline, N = ${n}`);
  if (parts.has('append')) {
    const small = Math.min(options.smallN, n);
    appendSmall = await repeat<StoreAppendResult>(
      { kind: 'store-append', n: small },
      runs,
      `store append, N = ${small}`,
    );
    if (n !== small)
      appendLarge = await repeat<StoreAppendResult>(
        { kind: 'store-append', n },
        runs,
        `store append, N = ${n}`,
      );
  }
  if (parts.has('pipeline')) {
    for (const cipher of ciphers)
      pipeline[cipher] = await repeat<PipelineResult>(
        { kind: 'pipeline', n, cipher },
        options.pipelineRuns,
        `command path → replay → seal → sealed replay, ${cipher}, N = ${n}`,
      );
  }
  if (parts.has('live'))
    live = await repeat<LiveResult>(
      { kind: 'live', n: liveN, cipher: 'aes' },
      1,
      `live projection, N = ${liveN}`,
    );
  if (parts.has('postgres') && options.postgres) {
    try {
      postgres = await repeat<PostgresResult>(
        { kind: 'postgres', n: options.pgN, url: options.pgUrl },
        1,
        `PostgreSQL, N = ${options.pgN}`,
      );
    } catch (error) {
      postgresError =
        error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
      process.stderr.write(`  PostgreSQL row skipped: ${postgresError}\n`);
    }
  }

  if (parts.has('guard'))
    guard = await repeat<GuardResult>(
      { kind: 'guard' },
      runs,
      'personal-data guard: worst scan and per tally',
    );

  if (parts.has('postgres-ops') && options.postgres) {
    try {
      postgresOps = await repeat<PostgresOpsResult>(
        { kind: 'postgres-ops', n: options.pgOpsN, url: options.pgUrl },
        1,
        `PostgreSQL operations (bulk ${options.pgOpsN}, 16 in flight, hot stream, stall)`,
      );
    } catch (error) {
      postgresOpsError =
        error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
      process.stderr.write(`  PostgreSQL operations rows skipped: ${postgresOpsError}\n`);
    }
  }

  // Every implementation of the PEERS workload must produce the same fold.
  if (peers !== undefined) {
    const peerDigests = new Set(Object.values(peers).map((result) => result.digest));
    if (peerDigests.size > 1)
      throw new Error(
        `the PEERS folds disagree: ${JSON.stringify(Object.fromEntries(Object.entries(peers).map(([name, result]) => [name, result.digest])))}`,
      );
  }
  if (postgresPeers !== undefined) {
    const postgresDigests = new Set(Object.values(postgresPeers).map((result) => result.digest));
    if (postgresDigests.size > 1)
      throw new Error(
        `the PEERS folds on PostgreSQL disagree: ${JSON.stringify(Object.fromEntries(Object.entries(postgresPeers).map(([name, result]) => [name, result.digest])))}`,
      );
  }

  // Every implementation must produce the same fold.
  const digests = new Map<string, string>();
  if (raw !== undefined) digests.set('raw fold', raw.digest);
  for (const [cipher, result] of Object.entries(pipeline)) {
    digests.set(`open replay (${cipher})`, result.openDigest);
    digests.set(`open replay, parallel opening (${cipher})`, result.openParallelDigest);
    digests.set(`sealed replay (${cipher})`, result.sealedDigest);
    digests.set(`sealed full-log replay (${cipher})`, result.sealedFullDigest);
  }
  if (live !== undefined && live.n === n) digests.set('live projection', live.digest);
  const distinct = new Set(digests.values());
  if (distinct.size > 1)
    throw new Error(`the folds disagree: ${JSON.stringify(Object.fromEntries(digests))}`);
  if (postgres !== undefined && postgres.digest !== postgres.memoryDigest)
    throw new Error('PostgreSQL and store-memory replays disagree');

  const results: Results = {
    ...(raw === undefined ? {} : { raw }),
    ...(appendSmall === undefined ? {} : { appendSmall }),
    ...(appendLarge === undefined ? {} : { appendLarge }),
    pipeline,
    ...(live === undefined ? {} : { live }),
    ...(postgres === undefined ? {} : { postgres }),
    ...(guard === undefined ? {} : { guard }),
    ...(postgresOps === undefined ? {} : { postgresOps }),
    ...(peers === undefined ? {} : { peers }),
    ...(postgresPeers === undefined ? {} : { postgresPeers }),
    ...(unavailable === undefined ? {} : { sodiumUnavailable: unavailable }),
  };
  const table = rows(results);
  const command = `pnpm bench ${process.argv.slice(2).join(' ')}`.trim();
  const seconds = (performance.now() - started) / 1000;

  console.log();
  console.log(
    `pinnstatistik bench — N = ${n.toLocaleString('en')} (${shape.sheets} sheets; ${Object.entries(
      shape.byType,
    )
      .map(([type, value]) => `${type} ≈ ${value.toLocaleString('en')}`)
      .join(', ')}), median of ${runs} (pipeline: ${options.pipelineRuns})`,
  );
  console.log(
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, node ${machine.node}${machine.transparentHugePages === undefined ? '' : `, transparent huge pages ${machine.transparentHugePages}`}${machine.commit === undefined ? '' : `, commit ${machine.commit}`}, library from ${machine.library === 'dist' ? 'its built packages' : 'source (tsx)'}`,
  );
  console.log();
  const width = Math.max(...table.map((row) => row.measure.length));
  for (const row of table) {
    const met = row.met === undefined ? '' : row.met ? '  ✓' : '  ✗';
    console.log(
      `${row.measure.padEnd(width)}  ${formatValue(row).padStart(28)}  ${(row.vsRaw ?? '').padEnd(40)} ${row.target ?? ''}${met}`,
    );
  }
  if (peers !== undefined) {
    console.log(
      `\nThe PEERS workload side by side (same run, fresh processes, folds equal: ${Object.values(peers)[0]?.digest}):\n`,
    );
    console.log(peersTable(peers));
  }
  if (postgresPeers !== undefined) {
    console.log(
      `\nThe PEERS workload on PostgreSQL (same run, fresh processes and databases, folds equal: ${Object.values(postgresPeers)[0]?.digest}):\n`,
    );
    console.log(postgresPeersTable(postgresPeers));
  }
  if (postgresPeersError !== undefined)
    console.log(`PEERS rows on PostgreSQL skipped: ${postgresPeersError}`);
  if (distinct.size === 1)
    console.log(`\nEvery fold agrees: ${[...digests.keys()].join(', ')} → ${[...distinct][0]}`);
  if (postgresError !== undefined) console.log(`PostgreSQL row skipped: ${postgresError}`);
  if (postgresOpsError !== undefined) console.log(`PostgreSQL operations rows skipped: ${postgresOpsError}`);
  console.log(`\n${command} — ${seconds.toFixed(0)} s`);

  const json = {
    command,
    seconds,
    machine,
    workload: shape,
    options: { ...options, liveN },
    digests: Object.fromEntries(digests),
    results,
    table,
    ...(postgresError === undefined ? {} : { postgresError }),
    ...(postgresOpsError === undefined ? {} : { postgresOpsError }),
    ...(postgresPeersError === undefined ? {} : { postgresPeersError }),
  };
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(
    options.out.replace(/\.json$/, '.md'),
    `${markdownTable(table)}\n${peers === undefined ? '' : `\n${peersTable(peers)}\n`}${postgresPeers === undefined ? '' : `\n${postgresPeersTable(postgresPeers)}\n`}`,
  );
  console.log(`wrote ${path.relative(process.cwd(), options.out)} and its .md table`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
