import { EMPTY_TREE_ROOT, type Hash, nodeHash } from './merkle-hash.js';

/** The largest power of two smaller than `n` (n > 1): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The Merkle Tree Hash (RFC 9162 §2.1.1) of leaves given as their leaf hashes, `leaves[from, to)`. */
export function merkleRoot(leaves: readonly Hash[], from = 0, to = leaves.length): Hash {
  const n = to - from;
  if (n === 0) return EMPTY_TREE_ROOT;
  if (n === 1) return leaves[from] as Hash;
  const k = splitPoint(n);
  return nodeHash(merkleRoot(leaves, from, from + k), merkleRoot(leaves, from + k, to));
}

/**
 * An append-only Merkle tree that keeps only the roots of its full subtrees (at most one per
 * bit of its size): appending and taking the root cost O(log n) time and memory, whatever the
 * size — so a verifier streaming a log keeps a few hashes per stream, never its events.
 */
export interface CompactTree {
  readonly size: number;
  append(leaf: Hash): void;
  /** The RFC 9162 root of the leaves appended so far. */
  root(): Hash;
}

/** A new, empty {@link CompactTree}. */
export function createCompactTree(): CompactTree {
  // Roots of full subtrees, largest (leftmost) first; their sizes are the set bits of `size`.
  const peaks: Hash[] = [];
  let size = 0;
  return {
    get size() {
      return size;
    },
    append(leaf) {
      let carried = leaf;
      let merged = size;
      while ((merged & 1) === 1) {
        carried = nodeHash(peaks.pop() as Hash, carried);
        merged = Math.floor(merged / 2);
      }
      peaks.push(carried);
      size += 1;
    },
    root() {
      if (peaks.length === 0) return EMPTY_TREE_ROOT;
      let root = peaks[peaks.length - 1] as Hash;
      for (let index = peaks.length - 2; index >= 0; index -= 1) root = nodeHash(peaks[index] as Hash, root);
      return root;
    },
  };
}
