import { type Hash, nodeHash } from './merkle-hash.js';
import { merkleRoot, splitPoint } from './merkle-tree.js';
import { sameBytes } from './same-bytes.js';

/**
 * The audit path of leaf `index` in the tree of `leaves[0, size)` (RFC 9162 §2.1.3.1): the
 * sibling hashes from the leaf up to the root.
 */
export function inclusionProof(leaves: readonly Hash[], index: number, size = leaves.length): Hash[] {
  if (!Number.isSafeInteger(size) || size < 1 || size > leaves.length)
    throw new RangeError(`no tree of size ${size} over ${leaves.length} leaves`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size)
    throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Hash[] = [];
  const walk = (target: number, from: number, to: number): void => {
    const n = to - from;
    if (n === 1) return;
    const k = splitPoint(n);
    if (target < k) {
      walk(target, from, from + k);
      path.push(merkleRoot(leaves, from + k, to));
    } else {
      walk(target - k, from + k, to);
      path.push(merkleRoot(leaves, from, from + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/**
 * Whether `leaf` is leaf `index` of the tree of `size` leaves whose root is `root`, by its audit
 * path (RFC 9162 §2.1.3.2). Never throws: malformed input is simply not a proof.
 */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  path: readonly Hash[],
  root: Hash,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leaf.length !== 32 || root.length !== 32 || path.some((hash) => hash.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameBytes(r, root);
}
