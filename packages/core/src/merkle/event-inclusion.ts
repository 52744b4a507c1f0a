import { readHeader } from '../envelope/envelope-header.js';
import { hashEvent } from '../envelope/event-hash.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { fromBase64, hashFromHexOrUndefined, toBase64, toHex } from './encoding.js';
import { inclusionProof, verifyInclusion } from './inclusion-proof.js';
import { checkpointLeaves, checkpointSigned, type LogCheckpoint } from './log-checkpoint.js';
import { logLeafHash } from './log-tree.js';
import type { Hash } from './merkle-hash.js';
import { merkleRoot } from './merkle-tree.js';
import { streamLeaf } from './stream-tree.js';

/**
 * Proof that one event is in the log a checkpoint signed, checkable without the log: the event
 * as stored with its previous chain hash (so its own chain hash is recomputed, not taken on
 * trust), its audit path in its stream's tree at the size the checkpoint signed, the stream's
 * audit path in the checkpoint's log tree, and the signed checkpoint (without its leaves).
 */
export interface EventInclusionProof {
  readonly format: 'pinnstatistik/inclusion-proof';
  readonly version: 1;
  readonly event: {
    readonly stream: string;
    readonly revision: number;
    readonly id: string;
    readonly type: string;
    /** Payload and header as stored, base64. */
    readonly data: string;
    readonly metadata: string;
    /** The chain hash of the event before it (zeros for a stream's first), hex. */
    readonly prev: string;
  };
  readonly streamTree: { readonly size: number; readonly root: string; readonly path: readonly string[] };
  readonly logTree: { readonly index: number; readonly path: readonly string[] };
  readonly checkpoint: Omit<LogCheckpoint, 'leaves'>;
}

/**
 * Builds the proof for an event, from its stream's chain hashes up to the size the checkpoint
 * signed for it. Throws when the checkpoint does not cover the event.
 */
export function proveEventInclusion(
  event: RecordedEvent,
  streamChainHashes: readonly Uint8Array[],
  checkpoint: LogCheckpoint,
): EventInclusionProof {
  const leaves = checkpointLeaves(checkpoint) ?? [];
  const index = leaves.findIndex((leaf) => leaf.stream === event.stream);
  const signed = leaves[index];
  if (signed === undefined)
    throw new RangeError(`the checkpoint of ${checkpoint.time} does not hold ${event.stream}`);
  if (event.revision >= signed.size)
    throw new RangeError(
      `the checkpoint of ${checkpoint.time} covers revisions 0–${signed.size - 1} of ${event.stream}, not ${event.revision}`,
    );
  const streamLeaves = streamChainHashes.slice(0, signed.size).map(streamLeaf);
  const root = merkleRoot(streamLeaves);
  if (toHex(root) !== toHex(signed.root))
    throw new RangeError(`${event.stream} is not what the checkpoint of ${checkpoint.time} signed`);
  const { leaves: _leaves, ...head } = checkpoint;
  return {
    format: 'pinnstatistik/inclusion-proof',
    version: 1,
    event: {
      stream: event.stream,
      revision: event.revision,
      id: event.id,
      type: event.type,
      data: toBase64(event.data),
      metadata: toBase64(event.metadata),
      prev: toHex(
        event.revision === 0 ? new Uint8Array(32) : (streamChainHashes[event.revision - 1] as Uint8Array),
      ),
    },
    streamTree: {
      size: signed.size,
      root: toHex(root),
      path: inclusionProof(streamLeaves, event.revision).map(toHex),
    },
    logTree: { index, path: inclusionProof(leaves.map(logLeafHash), index).map(toHex) },
    checkpoint: head,
  };
}

/** Why an inclusion proof does not hold. */
export type InclusionProblem = 'malformed' | 'chain' | 'stream-tree' | 'log-tree' | 'signature';

const hashes = (texts: readonly unknown[]): Hash[] | undefined => {
  const parsed = texts.map(hashFromHexOrUndefined);
  return parsed.every((hash) => hash !== undefined) ? (parsed as Hash[]) : undefined;
};

/**
 * Checks an inclusion proof with nothing but the signer's public key: the event's chain hash
 * from its bytes, its path to the stream's root, the stream's leaf to the log's root, and the
 * checkpoint's signature over that root. `undefined` when it holds.
 */
export function checkEventInclusion(
  proof: EventInclusionProof,
  publicKey: Uint8Array,
): InclusionProblem | undefined {
  const { event, streamTree, logTree, checkpoint } = proof;
  const data = fromBase64(event.data);
  const metadata = fromBase64(event.metadata);
  const prev = hashFromHexOrUndefined(event.prev);
  const streamRoot = hashFromHexOrUndefined(streamTree.root);
  const logRootHash = hashFromHexOrUndefined(checkpoint.root);
  const streamPath = hashes(streamTree.path);
  const logPath = hashes(logTree.path);
  if (data === undefined || metadata === undefined || prev === undefined || streamRoot === undefined)
    return 'malformed';
  if (logRootHash === undefined || streamPath === undefined || logPath === undefined) return 'malformed';
  const header = readHeader(metadata);
  if (header === undefined) return 'malformed';
  const chainHash = hashEvent(prev, {
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    codecId: metadata[1] as number,
    payload: data,
  });
  if (toHex(chainHash) !== toHex(header.hash)) return 'chain';
  if (!verifyInclusion(streamLeaf(chainHash), event.revision, streamTree.size, streamPath, streamRoot))
    return 'stream-tree';
  const leaf = logLeafHash({ stream: event.stream, size: streamTree.size, root: streamRoot });
  if (!verifyInclusion(leaf, logTree.index, checkpoint.treeSize, logPath, logRootHash)) return 'log-tree';
  return checkpointSigned(checkpoint, publicKey) ? undefined : 'signature';
}
