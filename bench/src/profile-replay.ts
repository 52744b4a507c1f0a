import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { replay, statisticsProjection } from '@pinnstatistik/projections';
import { type CipherName, cipherNamed } from './ciphers.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { perSecond } from './stats.js';
import { timed } from './timer.js';
import { createWorkload } from './workload.js';

/**
 * Replay of the open year alone, for profiling:
 * `node --import tsx bench/src/profile-replay.ts 100000 sodium replay.cpuprofile`.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const cipherName = (process.argv[3] ?? 'aes') as CipherName;
  const out = process.argv[4] || undefined;
  const workload = createWorkload(n);
  const cipher = cipherNamed(cipherName);
  const { store, keys, service } = await openService(workload, cipher);
  await recordWorkload(service, workload, new Float64Array(n));
  const session = new Session();
  if (out !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    // 100 µs between samples: V8's default (1 ms) gives a replay of 50,000 events a few hundred.
    await session.post('Profiler.setSamplingInterval', {
      interval: Number(process.env.PROFILE_INTERVAL_US ?? 100),
    });
    await session.post('Profiler.start');
  }
  for (let round = 0; round < Number(process.argv[5] ?? 2); round += 1) {
    const { result, ms } = await timed(() =>
      replay(
        store,
        statisticsProjection({
          keys,
          ciphers: [cipher],
          parallelOpening: process.env.PARALLEL_OPENING === '1',
        }),
      ),
    );
    console.log(
      `replay of ${result.events} events (${cipherName}): ${perSecond(result.events, ms).toFixed(0)} ev/s`,
    );
  }
  if (out !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
  }
}

void main();
