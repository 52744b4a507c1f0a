import { readHeader } from '../envelope/envelope-header.js';
import { GENESIS_HASH } from '../envelope/event-hash.js';
import { deriveEventId } from '../envelope/event-id.js';
import { decodeInner } from '../envelope/inner-record.js';
import { sealEvent } from '../envelope/seal-event.js';
import type { JsonValue } from '../json.js';
import type { Clock } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { type SigningKey, signingKeyFromStored } from './ed25519.js';
import { toBase64 } from './encoding.js';
import {
  LOG_CHECKPOINT_STREAM,
  LOG_CHECKPOINT_TYPE,
  type LogCheckpoint,
  parseLogCheckpoint,
  signCheckpoint,
} from './log-checkpoint.js';
import { LOG_KEYS_STREAM, type LogKeyAdopted, type LogKeyEvent, rotateTo } from './log-key-events.js';
import { createLogState } from './log-state.js';
import type { LogLeaf } from './log-tree.js';

/** What writing checkpoints needs: the log, the key store with the signing key, a clock. */
export interface LogSigning {
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly clock: Clock;
}

/** Thrown when the log's signing key is gone from the key store: checkpoints need a new, adopted key. */
export class SigningKeyMissing extends Error {
  readonly code = 'SIGNING_KEY_MISSING' as const;
  constructor(keyStoreId: string) {
    super(
      `the log's signing key (${keyStoreId}) is not in the key store: adopt a new one (pinnstatistik checkpoint --new-key) and publish its public key to the auditors again`,
    );
    this.name = 'SigningKeyMissing';
  }
}

async function lastOf(store: EventStore, stream: string) {
  for await (const event of store.readStream(stream, { direction: 'backwards', limit: 1 })) return event;
  return undefined;
}

/** Appends public events to a stream, chained after its last event; `false` when another writer got there first. */
async function appendPublic(
  store: EventStore,
  stream: string,
  commandId: string,
  events: readonly { type: string; data: JsonValue }[],
): Promise<boolean> {
  const last = await lastOf(store, stream);
  let prev = last === undefined ? GENESIS_HASH : (readHeader(last.metadata)?.hash ?? GENESIS_HASH);
  let revision = last === undefined ? -1 : last.revision;
  const sealed = events.map((event, index) => {
    revision += 1;
    const chained = sealEvent(stream, revision, prev, {
      id: deriveEventId(commandId, stream, index),
      type: event.type,
      data: event.data,
      meta: { commandId },
    });
    prev = chained.hash;
    return chained.event;
  });
  const appended = await store.append(stream, sealed, {
    expected: last === undefined ? 'no-stream' : last.revision,
  });
  if (appended._tag === 'Left' && appended.left.code !== 'WRONG_EXPECTED_REVISION')
    throw new Error(`could not append to ${stream}: ${appended.left.code}`);
  return appended._tag === 'Right';
}

async function withRetries(attempt: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 20; tries += 1) if (await attempt()) return;
  throw new Error(`could not write ${what}: too many concurrent writers`);
}

/** The events of the `log-keys` stream, in order. */
export async function readLogKeyEvents(store: EventStore): Promise<LogKeyEvent[]> {
  const events: LogKeyEvent[] = [];
  for await (const recorded of store.readStream(LOG_KEYS_STREAM)) {
    const inner = decodeInner(recorded.data);
    if (inner !== undefined && (inner.type === 'LogKeyAdopted' || inner.type === 'LogKeyRotated'))
      events.push({ type: inner.type, data: inner.data } as LogKeyEvent);
  }
  return events;
}

/** The key store id of the n-th signing key (1-based). */
const keySlot = (generation: number): string => `log-signing-${generation}`;

/**
 * The log's current signing key: the last one `log-keys` adopted or rotated to. The first call
 * creates one in the key store and adopts it (`LogKeyAdopted`, with its public key, in the log
 * and so in the tree). Throws {@link SigningKeyMissing} when the key store lost it.
 */
export async function currentSigningKey({ store, keys, clock }: LogSigning): Promise<SigningKey> {
  for (let tries = 0; tries < 20; tries += 1) {
    const events = await readLogKeyEvents(store);
    const last = events[events.length - 1];
    if (last !== undefined) {
      const stored = await keys.get(last.data.keyStoreId);
      if (stored === undefined) throw new SigningKeyMissing(last.data.keyStoreId);
      return signingKeyFromStored(stored);
    }
    const slot = keySlot(1);
    const key = signingKeyFromStored(await keys.create(slot));
    const adopted: LogKeyAdopted = {
      type: 'LogKeyAdopted',
      data: {
        keyId: key.keyId,
        publicKey: toBase64(key.publicKey),
        keyStoreId: slot,
        adoptedAt: clock.now().toISOString(),
      },
    };
    if (await appendPublic(store, LOG_KEYS_STREAM, `log-key\u0000${key.keyId}`, [adopted])) return key;
  }
  throw new Error('could not adopt a signing key: too many concurrent writers');
}

/**
 * Adopts a new signing key without endorsement, for when the current one is lost
 * ({@link SigningKeyMissing}): its public key must reach the auditors again, out of band — until
 * they pin it, checkpoints it signs are reported as signed by an untrusted key.
 */
export async function adoptNewLogKey(signing: LogSigning): Promise<SigningKey> {
  const events = await readLogKeyEvents(signing.store);
  const slot = keySlot(events.length + 1);
  const key = signingKeyFromStored(await signing.keys.create(slot));
  const adopted: LogKeyAdopted = {
    type: 'LogKeyAdopted',
    data: {
      keyId: key.keyId,
      publicKey: toBase64(key.publicKey),
      keyStoreId: slot,
      adoptedAt: signing.clock.now().toISOString(),
    },
  };
  await withRetries(
    () => appendPublic(signing.store, LOG_KEYS_STREAM, `log-key\u0000${key.keyId}`, [adopted]),
    'the new key',
  );
  return key;
}

/**
 * Rotates the signing key: a new key in the next key-store slot, endorsed in `log-keys` by the
 * current one (`LogKeyRotated`), then the old key destroyed. An auditor who pinned the old key
 * trusts the new one through the endorsement.
 */
export async function rotateLogKey(signing: LogSigning): Promise<SigningKey> {
  const previous = await currentSigningKey(signing);
  const events = await readLogKeyEvents(signing.store);
  const previousSlot = (events[events.length - 1] as LogKeyEvent).data.keyStoreId;
  const slot = keySlot(events.length + 1);
  const next = signingKeyFromStored(await signing.keys.create(slot));
  const rotated = rotateTo(previous, next, slot, signing.clock.now().toISOString());
  await withRetries(
    () => appendPublic(signing.store, LOG_KEYS_STREAM, `log-key\u0000${next.keyId}`, [rotated]),
    'the key rotation',
  );
  await signing.keys.destroy(previousSlot);
  return next;
}

/** The log's leaves as they stand: one pass over the log, a compact tree per stream. */
export async function computeLogLeaves(store: EventStore): Promise<{ leaves: LogLeaf[]; events: number }> {
  const state = createLogState();
  for await (const event of store.readAll()) state.observe(event);
  return { leaves: state.leaves(), events: state.events };
}

/**
 * Signs the log as it stands and appends the checkpoint to {@link LOG_CHECKPOINT_STREAM}: at
 * every seal (after the deletions) and on demand. The checkpoint commits to the state before
 * itself; its stream is outside the tree.
 */
export async function writeLogCheckpoint(signing: LogSigning): Promise<LogCheckpoint> {
  const key = await currentSigningKey(signing);
  let written: LogCheckpoint | undefined;
  await withRetries(async () => {
    const { leaves } = await computeLogLeaves(signing.store);
    const checkpoint = signCheckpoint(leaves, signing.clock.now().toISOString(), key);
    const ok = await appendPublic(
      signing.store,
      LOG_CHECKPOINT_STREAM,
      `log-checkpoint\u0000${checkpoint.time}\u0000${checkpoint.root}`,
      [{ type: LOG_CHECKPOINT_TYPE, data: checkpoint as unknown as JsonValue }],
    );
    if (ok) written = checkpoint;
    return ok;
  }, 'a checkpoint');
  return written as LogCheckpoint;
}

/** A checkpoint event's checkpoint; `undefined` for any other event. */
export function checkpointOf(event: {
  readonly type: string;
  readonly data: Uint8Array;
}): LogCheckpoint | undefined {
  if (event.type !== LOG_CHECKPOINT_TYPE) return undefined;
  const inner = decodeInner(event.data);
  return inner === undefined ? undefined : parseLogCheckpoint(inner.data);
}

/**
 * Every checkpoint in a store, oldest first: a store's log is held to each of them, so a stream
 * rewritten and then deleted by a seal is caught by the checkpoint that signed it while it was
 * open, even once a newer checkpoint no longer lists it (attack 25).
 */
export async function storedLogCheckpoints(store: EventStore): Promise<LogCheckpoint[]> {
  const checkpoints: LogCheckpoint[] = [];
  for await (const event of store.readStream(LOG_CHECKPOINT_STREAM)) {
    const checkpoint = checkpointOf(event);
    if (checkpoint !== undefined) checkpoints.push(checkpoint);
  }
  return checkpoints;
}

/** The newest checkpoint in a store, if any. */
export async function latestLogCheckpoint(store: EventStore): Promise<LogCheckpoint | undefined> {
  for await (const event of store.readStream(LOG_CHECKPOINT_STREAM, { direction: 'backwards' })) {
    const checkpoint = checkpointOf(event);
    if (checkpoint !== undefined) return checkpoint;
  }
  return undefined;
}
