import { EMPTY_TREE_ROOT, type Hash, nodeHash } from './merkle-hash.js';
import { merkleRoot, splitPoint } from './merkle-tree.js';
import { sameBytes } from './same-bytes.js';

/**
 * The consistency proof from the tree of the first `first` leaves to the tree of all of
 * `leaves[0, second)` (RFC 9162 §2.1.4.1): the hashes that show the larger tree only appended
 * to the smaller one. Empty when `first` is 0 or equals `second`.
 */
export function consistencyProof(leaves: readonly Hash[], first: number, second = leaves.length): Hash[] {
  if (!Number.isSafeInteger(second) || second < 0 || second > leaves.length)
    throw new RangeError(`no tree of size ${second} over ${leaves.length} leaves`);
  if (!Number.isSafeInteger(first) || first < 0 || first > second)
    throw new RangeError(`no consistency proof from size ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const proof: Hash[] = [];
  const sub = (m: number, from: number, to: number, complete: boolean): void => {
    const n = to - from;
    if (m === n) {
      if (!complete) proof.push(merkleRoot(leaves, from, to));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, from, from + k, complete);
      proof.push(merkleRoot(leaves, from + k, to));
    } else {
      sub(m - k, from + k, to, false);
      proof.push(merkleRoot(leaves, from, from + k));
    }
  };
  sub(first, 0, second, true);
  return proof;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/**
 * Whether the tree of `second` leaves with root `secondRoot` extends the tree of `first` leaves
 * with root `firstRoot` by appending only (RFC 9162 §2.1.4.2). Never throws.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || second < first)
    return false;
  if (firstRoot.length !== 32 || secondRoot.length !== 32 || proof.some((hash) => hash.length !== 32))
    return false;
  if (first === second) return proof.length === 0 && sameBytes(firstRoot, secondRoot);
  // Every tree extends the empty one, whose root is fixed.
  if (first === 0) return proof.length === 0 && sameBytes(firstRoot, EMPTY_TREE_ROOT);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && sameBytes(fr, firstRoot) && sameBytes(sr, secondRoot);
}
