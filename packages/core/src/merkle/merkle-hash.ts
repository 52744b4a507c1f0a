import { sha256Public as sha256 } from '../crypto/sha256.js';

/** A SHA-256 digest: every hash of the Merkle trees. */
export type Hash = Uint8Array;

/** The root of the empty tree (RFC 9162 §2.1.1): SHA-256 of nothing. */
export const EMPTY_TREE_ROOT: Hash = sha256(new Uint8Array(0));

/** A leaf's hash (RFC 9162 §2.1.1): SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array): Hash {
  const input = new Uint8Array(1 + data.length);
  input.set(data, 1);
  return sha256(input);
}

const nodeInput = new Uint8Array(65);

/** An interior node's hash (RFC 9162 §2.1.1): SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  // Two hashes and a tag: 65 bytes, one more than V8 keeps on its heap — so one reused buffer.
  const input =
    left.length + right.length === 64 ? nodeInput : new Uint8Array(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}
