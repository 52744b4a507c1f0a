import type { EventToAppend } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { createPostgresEventStore } from '../src/postgres-event-store.js';
import { sleepMetadata } from './slow-commit.js';

/** A burst of large batches committed at once (see {@link batchBurst}). */
export interface BatchBurst {
  readonly url: string;
  readonly schema: string;
  /** Names this burst's streams apart from another's in the same schema. */
  readonly round: string;
  readonly writers: number;
  readonly streamsPerBatch: number;
  /** How long each batch holds its transaction open once its events are in (`installSlowCommits`). */
  readonly holdMs: number;
}

const encoder = new TextEncoder();

/**
 * Every writer — a store of its own — commits one batch of one event a stream at the same moment,
 * the first event holding its transaction open so that every batch holds its locks at once.
 * Answers how many events were written and what each call that failed refused or threw.
 */
export async function batchBurst(burst: BatchBurst): Promise<{ written: number; faults: string[] }> {
  const stores = await Promise.all(
    Array.from({ length: burst.writers }, () =>
      createPostgresEventStore({ connection: burst.url, schema: burst.schema, migrate: false }),
    ),
  );
  const batch = (writer: number) =>
    Array.from({ length: burst.streamsPerBatch }, (_, index) => ({
      stream: `${burst.round}-w${writer}-s${index}`,
      expected: 'any' as const,
      events: [
        {
          id: `${burst.round}-w${writer}-e${index}`,
          type: 'Imported',
          data: encoder.encode('{}'),
          metadata: index === 0 ? sleepMetadata(burst.holdMs) : encoder.encode('{}'),
        } satisfies EventToAppend,
      ],
    }));
  const faults: string[] = [];
  let written = 0;
  try {
    await Promise.all(
      stores.map(async (store, writer) => {
        try {
          const result = await store.appendBatch(batch(writer));
          if (E.isLeft(result)) faults.push(`refused: ${result.left.code}`);
          else written += result.right.reduce((sum, part) => sum + part.written, 0);
        } catch (error) {
          faults.push(error instanceof Error ? error.message : String(error));
        }
      }),
    );
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
  return { written, faults };
}
