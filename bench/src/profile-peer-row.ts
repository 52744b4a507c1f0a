import type { PeerName } from './peers/implementations.js';
import { measurePeer } from './peers/measure-peers.js';

/**
 * One implementation's row of the PEERS workload in this process, without the others (for
 * before/after comparisons of one store, alternated in fresh processes):
 * `node --expose-gc --import tsx bench/src/profile-peer-row.ts 1000000 store-memory`.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const name = (process.argv[3] ?? 'store-memory') as PeerName;
  const result = await measurePeer(name, n);
  console.log(
    `${name}, N = ${n}: append ${(result.appendPerSec / 1000).toFixed(1)} k/s, replay ${(result.replayPerSec / 1e6).toFixed(2)} M/s, ` +
      `${result.bytesPerEvent.toFixed(1)} B/event, fold ${result.digest}`,
  );
}

void main();
