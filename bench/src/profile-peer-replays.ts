import { createPeer, type PeerName } from './peers/implementations.js';
import { createPeersFold } from './peers/peers-fold.js';
import { createPeerDraw, emptyCodes } from './peers/peers-workload.js';

/**
 * One implementation's PEERS append, then seven replays of the same log in this process — the
 * median and the best — for before/after comparisons of replay that one replay a process is too
 * noisy to decide: `node --expose-gc --import tsx bench/src/profile-peer-replays.ts 1000000 store-memory`.
 */
async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const name = (process.argv[3] ?? 'store-memory') as PeerName;
  const draw = createPeerDraw();
  const codes = emptyCodes();
  const peer = createPeer(name);
  let start = performance.now();
  for (let index = 0; index < n; index += 1) {
    draw(codes);
    await peer.append(codes);
  }
  const appendPerMs = n / (performance.now() - start);
  const rates: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    start = performance.now();
    await peer.replay(createPeersFold());
    rates.push(n / (performance.now() - start) / 1000);
  }
  rates.sort((a, b) => a - b);
  console.log(
    `${name}, N = ${n}: append ${appendPerMs.toFixed(0)} k/s, replay median ${(rates[3] as number).toFixed(2)} M/s, best ${(rates[6] as number).toFixed(2)} M/s`,
  );
}

void main();
