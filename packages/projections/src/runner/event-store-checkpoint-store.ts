import type { Checkpoint, CheckpointStore, EventStore, JsonValue } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';

/** The stream a projection's checkpoints are appended to. */
export const checkpointStream = (projection: string): string => `checkpoint-${projection}`;

/** Stays well under EventStoreDB's default 1 MiB per append. */
const CHUNK_CHARACTERS = 256 * 1024;

interface Saved {
  readonly position: string;
  /** Revisions of the chunks holding the state's JSON, in order; absent when there is no state. */
  readonly chunks?: readonly number[];
}

/**
 * Checkpoints kept in the event store itself, one stream per projection. A large state is
 * written as chunks first, then one `CheckpointSaved` naming them: a reader sees either the
 * previous checkpoint or the complete new one. The last `CheckpointSaved` (or
 * `CheckpointReset`) wins; nothing is edited.
 */
export function createEventStoreCheckpointStore(store: EventStore): CheckpointStore {
  let sequence = 0;
  const append = async (projection: string, type: string, data: JsonValue): Promise<number> => {
    sequence += 1;
    const id = `${type}-${process.pid}-${Date.now().toString(36)}-${sequence}`;
    const result = await store.append(checkpointStream(projection), [{ id, type, data, metadata: {} }], {
      expected: 'any',
    });
    if (E.isLeft(result))
      throw new Error(`could not save the checkpoint of ${projection}: ${result.left.code}`);
    return result.right.nextRevision;
  };
  const chunkAt = async (projection: string, revision: number): Promise<string> => {
    for await (const event of store.readStream(checkpointStream(projection), {
      fromRevision: revision,
      limit: 1,
    })) {
      return (event.data as { part: string }).part;
    }
    throw new Error(`checkpoint chunk ${revision} of ${projection} is missing`);
  };
  return {
    async load(projection) {
      for await (const event of store.readStream(checkpointStream(projection), {
        direction: 'backwards',
        limit: 1,
      })) {
        if (event.type !== 'CheckpointSaved') return undefined;
        const saved = event.data as unknown as Saved;
        if (saved.chunks === undefined) return { position: saved.position };
        const parts = await Promise.all(saved.chunks.map((revision) => chunkAt(projection, revision)));
        return { position: saved.position, state: JSON.parse(parts.join('')) as JsonValue };
      }
      return undefined;
    },
    async save(projection, checkpoint: Checkpoint) {
      let chunks: number[] | undefined;
      if (checkpoint.state !== undefined) {
        const json = JSON.stringify(checkpoint.state);
        chunks = [];
        for (let offset = 0; offset < json.length || offset === 0; offset += CHUNK_CHARACTERS) {
          chunks.push(
            await append(projection, 'CheckpointChunk', {
              part: json.slice(offset, offset + CHUNK_CHARACTERS),
            }),
          );
          if (json.length === 0) break;
        }
      }
      const saved: Saved = { position: checkpoint.position, ...(chunks === undefined ? {} : { chunks }) };
      await append(projection, 'CheckpointSaved', saved as unknown as JsonValue);
    },
    async reset(projection) {
      await append(projection, 'CheckpointReset', {});
    },
  };
}
