import { type Hash, leafHash } from './merkle-hash.js';
import { merkleRoot } from './merkle-tree.js';

/** One leaf of the log's tree: a stream, its size and the root of its own tree at that size. */
export interface LogLeaf {
  readonly stream: string;
  readonly size: number;
  readonly root: Hash;
}

const TAG = new TextEncoder().encode('pinnstatistik/log-leaf/1\u0000');

/** The bytes a log leaf hashes: a tag, the name (length-prefixed UTF-8), the size (64-bit) and the root. */
export function encodeLogLeaf(leaf: LogLeaf): Uint8Array {
  const name = new TextEncoder().encode(leaf.stream);
  const bytes = new Uint8Array(TAG.length + 2 + name.length + 8 + 32);
  const view = new DataView(bytes.buffer);
  bytes.set(TAG, 0);
  let at = TAG.length;
  view.setUint16(at, name.length);
  bytes.set(name, at + 2);
  at += 2 + name.length;
  view.setBigUint64(at, BigInt(leaf.size));
  bytes.set(leaf.root, at + 8);
  return bytes;
}

/** The leaf hash of a log leaf. */
export function logLeafHash(leaf: LogLeaf): Hash {
  return leafHash(encodeLogLeaf(leaf));
}

/** Stream names in the log tree's order (by UTF-16 code unit: stream names are ASCII). */
export function byStreamName(a: { readonly stream: string }, b: { readonly stream: string }): number {
  return a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0;
}

/** Leaves sorted into the log tree's order. */
export function sortedLeaves<T extends { readonly stream: string }>(leaves: readonly T[]): T[] {
  return [...leaves].sort(byStreamName);
}

/** The log's root: the RFC 9162 root over its leaves, sorted by stream name. */
export function logRoot(leaves: readonly LogLeaf[]): Hash {
  return merkleRoot(sortedLeaves(leaves).map(logLeafHash));
}
