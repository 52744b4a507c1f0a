import { type CipherName, cipherNamed } from './ciphers.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { percentile, perSecond } from './stats.js';
import { createWorkload } from './workload.js';

/**
 * The command path alone, for profiling:
 * `node --import tsx --cpu-prof bench/src/profile-command-path.ts 100000 aes`.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const cipherName = (process.argv[3] ?? 'aes') as CipherName;
  const workload = createWorkload(n);
  const { service } = await openService(workload, cipherNamed(cipherName));
  const latencies = new Float64Array(n);
  const ms = await recordWorkload(service, workload, latencies);
  const total = latencies.reduce((sum, value) => sum + value, 0);
  const slow = latencies.filter((value) => value > 0.5);
  console.log(
    `time in commands ${total.toFixed(0)} ms of ${ms.toFixed(0)} ms; ${slow.length} commands over 500 µs took ${slow.reduce((sum, value) => sum + value, 0).toFixed(0)} ms`,
  );
  console.log(
    `${n} commands (${cipherName}): ${perSecond(n, ms).toFixed(0)} cmd/s, p50 ${(percentile(latencies, n, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(latencies, n, 99) * 1000).toFixed(0)} µs`,
  );
}

void main();
