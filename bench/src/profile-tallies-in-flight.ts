import { performance } from 'node:perf_hooks';
import { requiresSeries } from '@pinnstatistik/core';
import { type CipherName, cipherNamed } from './ciphers.js';
import { openService } from './measure-pipeline.js';
import { createWorkload } from './workload.js';

/**
 * The workload's bare tallies with several in flight at once, as a server with many
 * counsellors sees them: `pnpm profile profile-tallies-in-flight 50000 sodium 32`.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 50_000);
  const cipherName = (process.argv[3] ?? 'sodium') as CipherName;
  const inFlight = Number(process.argv[4] ?? 32);
  const workload = createWorkload(Math.ceil(n * 1.5));
  const inSeries = new Set(
    workload.catalogue.interventions.filter((policy) => requiresSeries(policy)).map((policy) => policy.id),
  );
  const { service } = await openService(workload, cipherNamed(cipherName));
  const commands = workload.commands();
  let sent = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      if (sent === n) return;
      let next = commands.next();
      while (!next.done && inSeries.has(next.value.interventionId)) next = commands.next();
      if (next.done) return;
      sent += 1;
      const result = await service.tally(next.value);
      if (result._tag === 'Left') throw new Error(`refused: ${result.left.code}`);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  const ms = performance.now() - began;
  console.log(
    `${sent} tallies (${cipherName}), ${inFlight} in flight: ${((sent / ms) * 1000).toFixed(0)} tallies/s`,
  );
}

void main();
