import { readFileSync } from 'node:fs';
import type { PeerName } from './peers/implementations.js';
import { createPeer } from './peers/implementations.js';
import { createPeerDraw, emptyCodes } from './peers/peers-workload.js';
import { now } from './timer.js';

/**
 * What memory's first touch costs the PEERS append on this machine: the fresh memory the append
 * phase makes resident (RSS growth), at what touching 256 MiB of fresh memory costs here, as a
 * share of the phase's time — with the transparent huge pages mode, which moves both:
 * `node --expose-gc --import tsx bench/src/profile-first-touch.ts 1000000 store-memory`.
 */
function msPerFreshMiB(): number {
  const began = now();
  const kept: Uint8Array[] = [];
  for (let chunk = 0; chunk < 256; chunk += 1) {
    const fresh = new Uint8Array(1 << 20);
    for (let at = 0; at < fresh.length; at += 4096) fresh[at] = 1;
    kept.push(fresh);
  }
  return (now() - began) / kept.length;
}

function hugePages(): string {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1] ?? '?';
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1_000_000);
  const name = (process.argv[3] ?? 'store-memory') as PeerName;
  const draw = createPeerDraw();
  const codes = emptyCodes();
  const peer = createPeer(name);
  const rssBefore = process.memoryUsage().rss;
  const faultsBefore = process.resourceUsage().minorPageFault;
  const began = now();
  for (let index = 0; index < n; index += 1) {
    draw(codes);
    await peer.append(codes);
  }
  const ms = now() - began;
  const faults = process.resourceUsage().minorPageFault - faultsBefore;
  const grownMiB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  const perMiB = msPerFreshMiB(); // after: its memory would leave the RSS during the append
  const touchMs = grownMiB * perMiB;
  console.log(
    `${name}, N = ${n}, transparent huge pages ${hugePages()}: append ${(n / ms).toFixed(1)} k/s in ${ms.toFixed(0)} ms; ` +
      `resident memory +${grownMiB.toFixed(0)} MiB (${((grownMiB * 2 ** 20) / n).toFixed(0)} B an event), ${faults} minor faults; ` +
      `fresh memory here ${perMiB.toFixed(2)} ms/MiB ⇒ ≈ ${touchMs.toFixed(0)} ms, ${((100 * touchMs) / ms).toFixed(0)} % of the append`,
  );
}

void main();
