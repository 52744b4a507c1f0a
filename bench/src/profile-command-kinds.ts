import { performance } from 'node:perf_hooks';
import type { CommandService } from '@pinnstatistik/core';
import { type CipherName, cipherNamed } from './ciphers.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { perSecond } from './stats.js';
import { createWorkload } from './workload.js';

const KINDS = ['tally', 'openSeries', 'recordSession', 'closeSeries'] as const;

/**
 * The command path by kind of command — where the time of `(b)` goes:
 * `node --import tsx bench/src/profile-command-kinds.ts 100000 sodium`. The workload is the
 * bench's: tallies, and the sessions of series (each opened and closed around its sessions).
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const cipherName = (process.argv[3] ?? 'sodium') as CipherName;
  const workload = createWorkload(n);
  const { service } = await openService(workload, cipherNamed(cipherName));
  const totals = new Map(KINDS.map((kind) => [kind, { count: 0, ms: 0 }]));
  // The service with each kind of command timed on its way through.
  const timed = Object.create(service) as Record<string, unknown>;
  for (const kind of KINDS) {
    const run = (service[kind] as (input: never) => Promise<unknown>).bind(service);
    timed[kind] = async (input: never) => {
      const began = performance.now();
      const result = await run(input);
      const total = totals.get(kind) as { count: number; ms: number };
      total.count += 1;
      total.ms += performance.now() - began;
      return result;
    };
  }
  const ms = await recordWorkload(timed as unknown as CommandService, workload, new Float64Array(n));
  console.log(
    `${n} commands (${cipherName}) in ${ms.toFixed(0)} ms: ${perSecond(n, ms).toFixed(0)} commands/s`,
  );
  for (const [kind, total] of totals) {
    if (total.count === 0) continue;
    const each = ((total.ms / total.count) * 1000).toFixed(0);
    console.log(
      `  ${kind.padEnd(14)} ${String(total.count).padStart(7)} × ${each.padStart(4)} µs = ${total.ms.toFixed(0).padStart(6)} ms (${((100 * total.ms) / ms).toFixed(0)} %)`,
    );
  }
}

void main();
