import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CommandService, TallyCommandInput } from '@pinnstatistik/core';
import { type CipherName, cipherNamed } from './ciphers.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { createWorkload } from './workload.js';

/**
 * What a void and a retry of an old tally cost once the workload is recorded — the service reads
 * such a tally (or receipt) back from the store rather than keeping it:
 * `node --import tsx bench/src/profile-voids-and-retries.ts 100000 sodium`. Every 1 of `n / 1000`
 * tallies is retried as sent, then voided; each answer must be the expected one.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const cipherName = (process.argv[3] ?? 'sodium') as CipherName;
  const workload = createWorkload(n);
  const { service } = await openService(workload, cipherNamed(cipherName));
  const tallied: { input: TallyCommandInput; tallyId: string }[] = [];
  const watching = Object.create(service) as CommandService;
  watching.tally = async (input: TallyCommandInput) => {
    const result = await service.tally(input);
    if (result._tag === 'Right')
      tallied.push({ input: input as TallyCommandInput, tallyId: result.right.tallyId });
    return result;
  };
  await recordWorkload(watching, workload, new Float64Array(n));
  const picked = tallied.filter((_, index) => index % Math.max(1, Math.floor(tallied.length / 1000)) === 0);

  const timeEach = async (label: string, run: (entry: (typeof picked)[number]) => Promise<boolean>) => {
    const began = performance.now();
    for (const entry of picked) if (!(await run(entry))) throw new Error(`${label}: unexpected answer`);
    const ms = performance.now() - began;
    console.log(
      `  ${label.padEnd(22)} ${String(picked.length).padStart(5)} × ${((ms / picked.length) * 1000).toFixed(0).padStart(4)} µs`,
    );
  };
  console.log(`${n} commands recorded (${cipherName}), ${tallied.length} tallies; then:`);
  await timeEach('retry of an old tally', async ({ input, tallyId }) => {
    const again = await service.tally(input);
    return again._tag === 'Right' && again.right.tallyId === tallyId;
  });
  await timeEach('void of an old tally', async ({ input, tallyId }) => {
    const { interventionId, unitId } = input as { interventionId: string; unitId: string };
    const voided = await service.tally({
      type: 'VoidTally',
      commandId: randomUUID(),
      interventionId,
      unitId,
      period: (input as { date: string }).date.slice(0, 7),
      tallyId,
      reason: 'registered-by-mistake',
    });
    return voided._tag === 'Right';
  });
}

void main();
