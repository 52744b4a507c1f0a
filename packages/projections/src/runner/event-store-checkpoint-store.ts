import { randomBytes } from 'node:crypto';
import {
  type Checkpoint,
  type CheckpointStore,
  deriveEventId,
  type EventStore,
  GENESIS_HASH,
  type JsonValue,
  openEvent,
  sealEvent,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';

/** The stream that points at a projection's current checkpoint. */
export const checkpointStream = (projection: string): string => `checkpoint-${projection}`;

/** Stays well under EventStoreDB's default 1 MiB per append. */
const CHUNK_CHARACTERS = 256 * 1024;

/**
 * The stream a pointer may name: `checkpoint-{name}-{sequence}-{nonce}`, derived here, never taken
 * from the pointer — anyone who can append to the store can append a pointer, and one naming a
 * sealed month's tables made the next save delete them as "the checkpoint it replaces" (attack 30).
 * The nonce (32 random hex digits per save) makes the next stream's name unguessable: a stream
 * named by its sequence alone could be written first by anyone who can append, and every save
 * after failed on it (attack 33). Pointers of earlier releases name `checkpoint-{name}-{sequence}`.
 */
const stateStream = (projection: string, sequence: number, nonce?: string): string =>
  `${checkpointStream(projection)}-${sequence}${nonce === undefined ? '' : `-${nonce}`}`;

const NONCE = /^[0-9a-f]{32}$/;

/** The stream of a pointer read back, if it names the one its sequence (and nonce) derive; else none. */
const streamOf = (projection: string, pointer: Pointer | undefined): string | undefined =>
  pointer?.stream !== undefined &&
  Number.isSafeInteger(pointer.sequence) &&
  pointer.sequence > 0 &&
  (pointer.nonce === undefined || (typeof pointer.nonce === 'string' && NONCE.test(pointer.nonce))) &&
  pointer.stream === stateStream(projection, pointer.sequence, pointer.nonce)
    ? pointer.stream
    : undefined;

/** The next sequence after a pointer read back (a forged one's sequence may be anything). */
const nextSequence = (pointer: Pointer | undefined): number =>
  (Number.isSafeInteger(pointer?.sequence) && (pointer?.sequence as number) > 0
    ? (pointer?.sequence as number)
    : 0) + 1;

interface Pointer {
  /** The stream holding the checkpoint (`checkpoint-{name}-{sequence}-{nonce}`), absent after a reset. */
  readonly stream?: string;
  readonly sequence: number;
  /** The save's random nonce in the stream's name (absent in earlier releases' pointers). */
  readonly nonce?: string;
}

/**
 * Checkpoints kept in the event store itself. Each save writes the state (in chunks) to a
 * fresh stream, then appends a small pointer to `checkpoint-{name}`, then deletes the stream of
 * the checkpoint it replaces — so a reader sees the previous checkpoint or the complete new
 * one, and superseded states do not linger in the store. Only the pointers (a sequence number
 * and a stream name each) accumulate.
 */
export function createEventStoreCheckpointStore(store: EventStore): CheckpointStore {
  /** Writes a fresh stream one part per append (each well inside every store's limit), chained. */
  const write = async (
    stream: string,
    parts: readonly { type: string; data: JsonValue }[],
  ): Promise<void> => {
    let prev = GENESIS_HASH;
    for (const [revision, part] of parts.entries()) {
      const commandId = `${stream}\u0000${revision}`;
      const sealed = sealEvent(stream, revision, prev, {
        id: deriveEventId(commandId, stream, 0),
        type: part.type,
        data: part.data,
        meta: { commandId },
      });
      prev = sealed.hash;
      const result = await store.append(stream, [sealed.event], {
        expected: revision === 0 ? 'no-stream' : revision - 1,
      });
      if (E.isLeft(result))
        throw new Error(`could not save the checkpoint in ${stream}: ${result.left.code}`);
    }
  };

  const pointer = async (
    projection: string,
  ): Promise<{ pointer: Pointer | undefined; revision: number; prev: Uint8Array }> => {
    for await (const event of store.readStream(checkpointStream(projection), {
      direction: 'backwards',
      limit: 1,
    })) {
      const opened = openEvent(event);
      if (!opened.readable) break;
      return { pointer: opened.data as unknown as Pointer, revision: event.revision, prev: opened.hash };
    }
    return { pointer: undefined, revision: -1, prev: GENESIS_HASH };
  };

  const point = async (projection: string, next: Pointer): Promise<Pointer | undefined> => {
    const current = await pointer(projection);
    const stream = checkpointStream(projection);
    const commandId = `${stream}\u0000${next.sequence}`;
    const sealed = sealEvent(stream, current.revision + 1, current.prev, {
      id: deriveEventId(commandId, stream, 0),
      type: 'CheckpointPointer',
      data: next as unknown as JsonValue,
      meta: { commandId },
    });
    const result = await store.append(stream, [sealed.event], {
      expected: current.revision < 0 ? 'no-stream' : current.revision,
    });
    if (E.isLeft(result))
      throw new Error(`could not point at the checkpoint of ${projection}: ${result.left.code}`);
    return current.pointer;
  };

  return {
    async load(projection) {
      const { pointer: current } = await pointer(projection);
      const stream = streamOf(projection, current);
      if (stream === undefined) return undefined;
      const parts: string[] = [];
      let position: string | undefined;
      let hasState = false;
      for await (const event of store.readStream(stream)) {
        const opened = openEvent(event);
        if (!opened.readable) continue;
        const data = opened.data as { position?: string; part?: string; hasState?: boolean };
        if (opened.type === 'CheckpointChunk') parts.push(data.part ?? '');
        if (opened.type === 'CheckpointSaved') {
          position = data.position;
          hasState = data.hasState === true;
        }
      }
      if (position === undefined) return undefined;
      return hasState ? { position, state: JSON.parse(parts.join('')) as JsonValue } : { position };
    },
    async save(projection, checkpoint: Checkpoint) {
      const { pointer: previous } = await pointer(projection);
      const sequence = nextSequence(previous);
      const nonce = randomBytes(16).toString('hex');
      const stream = stateStream(projection, sequence, nonce);
      const parts: { type: string; data: JsonValue }[] = [];
      if (checkpoint.state !== undefined) {
        const json = JSON.stringify(checkpoint.state);
        for (let offset = 0; offset < json.length; offset += CHUNK_CHARACTERS)
          parts.push({
            type: 'CheckpointChunk',
            data: { part: json.slice(offset, offset + CHUNK_CHARACTERS) },
          });
      }
      parts.push({
        type: 'CheckpointSaved',
        data: { position: checkpoint.position, hasState: checkpoint.state !== undefined },
      });
      // Written whole, then pointed at, then the one it replaces deleted.
      await write(stream, parts);
      const replaced = streamOf(projection, await point(projection, { stream, sequence, nonce }));
      // A save racing this one may have pointed at this very stream first: never delete it.
      if (replaced !== undefined && replaced !== stream) await store.deleteStreams([replaced]);
    },
    async reset(projection) {
      const { pointer: previous } = await pointer(projection);
      const replaced = streamOf(projection, await point(projection, { sequence: nextSequence(previous) }));
      if (replaced !== undefined) await store.deleteStreams([replaced]);
    },
  };
}
