import { performance } from 'node:perf_hooks';
import { requiresSeries } from '@pinnstatistik/core';
import { type CipherName, cipherNamed } from './ciphers.js';
import { openService } from './measure-pipeline.js';
import { createWorkload } from './workload.js';

/**
 * The command path's tallies alone — the workload's commands of interventions that need no
 * series, each through `service.tally` — for profiling a tally without the series around it:
 * `node --import tsx bench/src/profile-tallies.ts 50000 sodium`.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 50_000);
  const cipherName = (process.argv[3] ?? 'sodium') as CipherName;
  // The workload's share of series commands is about a quarter: generate enough for n tallies.
  const workload = createWorkload(Math.ceil(n * 1.5));
  const inSeries = new Set(
    workload.catalogue.interventions.filter((policy) => requiresSeries(policy)).map((policy) => policy.id),
  );
  const { service } = await openService(workload, cipherNamed(cipherName));
  let count = 0;
  let ms = 0;
  for (const command of workload.commands()) {
    if (count === n) break;
    if (inSeries.has(command.interventionId)) continue;
    const began = performance.now();
    const result = await service.tally(command);
    ms += performance.now() - began;
    if (result._tag === 'Left') throw new Error(`refused: ${result.left.code}`);
    count += 1;
  }
  console.log(
    `${count} tallies (${cipherName}): ${((ms * 1000) / count).toFixed(1)} µs each, ${((count / ms) * 1000).toFixed(0)} tallies/s`,
  );
}

void main();
