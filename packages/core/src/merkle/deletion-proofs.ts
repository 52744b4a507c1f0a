import { consistencyProof } from './consistency-proof.js';
import { toHex } from './encoding.js';
import type { LogCheckpoint } from './log-checkpoint.js';
import { merkleRoot } from './merkle-tree.js';
import { streamLeaf } from './stream-tree.js';

/** A consistency proof a seal keeps: from a size a signed checkpoint committed to, to the stream's final size (hex hashes). */
export interface ConsistencyFrom {
  readonly from: number;
  readonly path: readonly string[];
}

/**
 * What a seal or a series' closing keeps of a stream it deletes, beside its name, size and last
 * hash: its tree's final root, and a consistency proof from every size a signed checkpoint
 * committed to — so an auditor holding any of those checkpoints can prove the stream only grew
 * until it was sealed. Only sizes that checkpoints already published: no per-event position.
 */
export interface DeletionProofs {
  readonly root: string;
  readonly proofs: readonly ConsistencyFrom[];
}

/**
 * The root and proofs for a stream about to be deleted, from its events' chain hashes (in
 * revision order) and the sizes checkpoints committed to. Throws for a checkpointed size larger
 * than the stream: it shrank since it was signed, which no seal may hide.
 */
export function deletionProofs(
  chainHashes: readonly Uint8Array[],
  checkpointedSizes: Iterable<number>,
): DeletionProofs {
  const leaves = chainHashes.map(streamLeaf);
  const proofs: ConsistencyFrom[] = [];
  for (const from of [...new Set(checkpointedSizes)].sort((a, b) => a - b)) {
    if (from > leaves.length)
      throw new RangeError(
        `a checkpoint signed ${from} events of a stream that now has ${leaves.length}: it shrank`,
      );
    if (from === 0 || from === leaves.length) continue;
    proofs.push({ from, path: consistencyProof(leaves, from).map(toHex) });
  }
  return { root: toHex(merkleRoot(leaves)), proofs };
}

/**
 * The sizes signed checkpoints committed to for some streams, from checkpoints given newest
 * first. Stops at the first checkpoint that holds none of them: streams are never re-created, so
 * older checkpoints cannot hold them either.
 */
export function checkpointedSizes(
  newestFirst: Iterable<LogCheckpoint>,
  streams: ReadonlySet<string>,
): Map<string, number[]> {
  const sizes = new Map<string, number[]>([...streams].map((stream) => [stream, []]));
  for (const checkpoint of newestFirst) {
    let found = false;
    for (const leaf of checkpoint.leaves) {
      const list = sizes.get(leaf.stream);
      if (list === undefined) continue;
      found = true;
      if (!list.includes(leaf.size)) list.push(leaf.size);
    }
    if (!found) break;
  }
  return sizes;
}
