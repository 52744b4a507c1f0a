import { type Hash, leafHash } from './merkle-hash.js';
import { merkleRoot } from './merkle-tree.js';

/**
 * A stream's Merkle tree has one leaf per event, in revision order: the leaf hash of its chain
 * hash (which already covers the stream name, revision, id, type, codec and payload).
 */
export function streamLeaf(chainHash: Uint8Array): Hash {
  return leafHash(chainHash);
}

/** The root of a stream's tree over its events' chain hashes. */
export function streamRoot(chainHashes: readonly Uint8Array[]): Hash {
  return merkleRoot(chainHashes.map(streamLeaf));
}
