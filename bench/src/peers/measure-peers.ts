import { release, retain, settledHeapBytes } from '../heap.js';
import { perSecond } from '../stats.js';
import { now } from '../timer.js';
import { createPeer, type PeerName } from './implementations.js';
import { createPeersFold } from './peers-fold.js';
import { createPeerDraw, emptyCodes } from './peers-workload.js';

/** One implementation's figures on the PEERS workload, in this (fresh) process. */
export interface PeerResult {
  readonly name: PeerName;
  readonly n: number;
  readonly appendPerSec: number;
  /** Reading the whole log back and folding it. */
  readonly replayPerSec: number;
  /** Heap and array buffers per event held, after GC. */
  readonly bytesPerEvent: number;
  readonly digest: string;
}

/** Appends N events one per call into a fresh implementation, then replays and folds the log. */
export async function measurePeer(name: PeerName, n: number): Promise<PeerResult> {
  const draw = createPeerDraw();
  const codes = emptyCodes();
  const before = settledHeapBytes();
  const peer = retain(createPeer(name));
  const appendStart = now();
  for (let index = 0; index < n; index += 1) {
    draw(codes);
    await peer.append(codes);
  }
  const appendMs = now() - appendStart;
  const bytesPerEvent = (settledHeapBytes() - before) / n;
  const fold = createPeersFold();
  const replayStart = now();
  const read = await peer.replay(fold);
  const replayMs = now() - replayStart;
  if (read !== n) throw new Error(`${name} read ${read} of ${n} events back`);
  release();
  return {
    name,
    n,
    appendPerSec: perSecond(n, appendMs),
    replayPerSec: perSecond(n, replayMs),
    bytesPerEvent,
    digest: fold.digest(),
  };
}
