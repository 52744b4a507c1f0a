import { canonicalJson } from '../envelope/canonical-json.js';
import { type SigningKey, verifySignature } from './ed25519.js';
import { fromBase64, hashFromHexOrUndefined, toBase64, toHex } from './encoding.js';
import { type LogLeaf, logRoot, sortedLeaves } from './log-tree.js';

/** The stream that holds signed checkpoints: a `checkpoint-` stream, so outside the tree and the export. */
export const LOG_CHECKPOINT_STREAM = 'checkpoint-log-tree';

/** The event type of a signed checkpoint. */
export const LOG_CHECKPOINT_TYPE = 'LogCheckpoint';

/** One stream as a checkpoint saw it: its size and its tree's root (hex). */
export interface CheckpointLeaf {
  readonly stream: string;
  readonly size: number;
  readonly root: string;
}

/**
 * A signed tree head of the whole log (RFC 9162's STH, one leaf per stream): the log's root over
 * the streams as they stood, how many streams (`treeSize`) and events it covers, when, and who
 * signed — with the leaves, so an auditor who keeps it can later prove, stream by stream, that
 * what they replay only grew from it. It commits to the state before itself.
 */
export interface LogCheckpoint {
  readonly treeSize: number;
  readonly events: number;
  readonly root: string;
  readonly time: string;
  readonly keyId: string;
  /** Ed25519 over {@link checkpointMessage}, base64. */
  readonly signature: string;
  readonly leaves: readonly CheckpointLeaf[];
}

/** The bytes a checkpoint's signature covers: canonical JSON of its tree head (the leaves are in the root). */
export function checkpointMessage(checkpoint: Omit<LogCheckpoint, 'signature' | 'leaves'>): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      format: 'pinnstatistik/log-checkpoint',
      version: 1,
      treeSize: checkpoint.treeSize,
      events: checkpoint.events,
      root: checkpoint.root,
      time: checkpoint.time,
      keyId: checkpoint.keyId,
    }),
  );
}

/** Signs the log as its leaves stand. */
export function signCheckpoint(leaves: readonly LogLeaf[], time: string, key: SigningKey): LogCheckpoint {
  const sorted = sortedLeaves(leaves);
  const head = {
    treeSize: sorted.length,
    events: sorted.reduce((sum, leaf) => sum + leaf.size, 0),
    root: toHex(logRoot(sorted)),
    time,
    keyId: key.keyId,
  };
  return {
    ...head,
    signature: toBase64(key.sign(checkpointMessage(head))),
    leaves: sorted.map((leaf) => ({ stream: leaf.stream, size: leaf.size, root: toHex(leaf.root) })),
  };
}

/** A checkpoint's leaves as log leaves; `undefined` when one is malformed. */
export function checkpointLeaves(checkpoint: LogCheckpoint): LogLeaf[] | undefined {
  const leaves: LogLeaf[] = [];
  for (const leaf of checkpoint.leaves) {
    const root = hashFromHexOrUndefined(leaf.root);
    if (root === undefined) return undefined;
    leaves.push({ stream: leaf.stream, size: leaf.size, root });
  }
  return leaves;
}

/** Whether a checkpoint's head is signed by `publicKey` (its leaves are not looked at). */
export function checkpointSigned(checkpoint: Omit<LogCheckpoint, 'leaves'>, publicKey: Uint8Array): boolean {
  const signature = fromBase64(checkpoint.signature);
  return signature !== undefined && verifySignature(publicKey, checkpointMessage(checkpoint), signature);
}

/** Why a checkpoint does not hold: its signature, or its head against its own leaves. */
export type CheckpointProblem = 'signature' | 'leaves';

/**
 * Checks a checkpoint against the public key of its signer: the signature, and that its root,
 * tree size and event count are those of its leaves (sorted, each stream once).
 */
export function checkCheckpoint(
  checkpoint: LogCheckpoint,
  publicKey: Uint8Array,
): CheckpointProblem | undefined {
  if (!checkpointSigned(checkpoint, publicKey)) return 'signature';
  const leaves = checkpointLeaves(checkpoint);
  if (leaves === undefined || leaves.length !== checkpoint.treeSize) return 'leaves';
  for (let index = 1; index < leaves.length; index += 1)
    if ((leaves[index - 1] as LogLeaf).stream >= (leaves[index] as LogLeaf).stream) return 'leaves';
  if (leaves.reduce((sum, leaf) => sum + leaf.size, 0) !== checkpoint.events) return 'leaves';
  if (toHex(logRoot(leaves)) !== checkpoint.root) return 'leaves';
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A checkpoint of this shape from parsed JSON; `undefined` for anything else. */
export function parseLogCheckpoint(value: unknown): LogCheckpoint | undefined {
  if (!isObject(value)) return undefined;
  const { treeSize, events, root, time, keyId, signature, leaves } = value;
  if (!isCount(treeSize) || !isCount(events) || hashFromHexOrUndefined(root) === undefined) return undefined;
  if (typeof time !== 'string' || typeof keyId !== 'string' || typeof signature !== 'string')
    return undefined;
  if (!Array.isArray(leaves)) return undefined;
  const parsed: CheckpointLeaf[] = [];
  for (const leaf of leaves) {
    if (!isObject(leaf) || typeof leaf.stream !== 'string' || !isCount(leaf.size)) return undefined;
    if (hashFromHexOrUndefined(leaf.root) === undefined) return undefined;
    parsed.push({ stream: leaf.stream, size: leaf.size, root: leaf.root as string });
  }
  return { treeSize, events, root: root as string, time, keyId, signature, leaves: parsed };
}
