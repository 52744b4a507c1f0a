import {
  createChainVerifier,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

// The group commit's promise, checked against its definition: commands sent at once to one
// sheet get exactly what each would get sent one after the other, in the same order. Both
// runs share the keys (as two processes would), so sheets, event ids and receipts compare.

const clock = fixedClock('2025-12-31T12:00:00Z');
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sheet = { interventionId: 'motesplats-uppsokande', unitId: 'motesplats' } as const;

const contact = (n: number, variant: number): TallyCommandInput => ({
  type: 'TallyContact' as const,
  commandId: uuid(n),
  ...sheet,
  date: '2025-03-14',
  marks: { gender: variant === 0 ? 'female' : 'male' },
});
const voiding = (n: number, target: number, variant: number): TallyCommandInput => ({
  type: 'VoidTally' as const,
  commandId: uuid(100 + n),
  ...sheet,
  period: '2025-03',
  tallyId: uuid(target),
  reason: variant === 0 ? 'registered-by-mistake' : 'duplicate',
});

// Few ids, so that repeats (same content or not) and voids of tallies in the same batch are common.
const command = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1 })).map(([n, v]) => contact(n, v)),
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 }))
    .map(([n, target, v]) => voiding(n, target, v)),
);

async function serviceOn(store: EventStore, keys: KeyStore) {
  const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999_999),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  // The sheet exists: what follows queues on one lane in the order sent.
  const first = await service.tally(contact(999, 0));
  if (E.isLeft(first)) throw new Error(first.left.code);
  return service;
}

const answer = (result: E.Either<{ code: string }, unknown>) =>
  E.isRight(result) ? result.right : { refused: result.left.code };

const sheetEvents = async (store: EventStore) =>
  (await collect(store.readAll())).filter((event) => event.stream.startsWith('tally-'));

describe('commands sent at once to one sheet, against the same commands one at a time', () => {
  it('the same receipts and refusals, the same events, an unbroken chain', async () => {
    let largest = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const keys = createMemoryKeyStore();
        const alone = createMemoryEventStore();
        const together = createMemoryEventStore();
        const one = await serviceOn(alone, keys);
        const sequential = [];
        for (const input of commands) sequential.push(answer(await one.tally(input)));
        const counted: EventStore = {
          ...together,
          append: (stream, events, options) => {
            if (stream.startsWith('tally-')) largest = Math.max(largest, events.length);
            return together.append(stream, events, options);
          },
        };
        const other = await serviceOn(counted, keys);
        const concurrent = (await Promise.all(commands.map((input) => other.tally(input)))).map(answer);
        expect(concurrent).toEqual(sequential);

        const stored = await sheetEvents(together);
        expect(stored.map((event) => [event.stream, event.revision, event.id, event.type])).toEqual(
          (await sheetEvents(alone)).map((event) => [event.stream, event.revision, event.id, event.type]),
        );
        const verifier = createChainVerifier();
        expect(stored.map((event) => verifier.check(event)).filter(Boolean)).toEqual([]);
      }),
      { numRuns: 60 },
    );
    // Not vacuous: commands did share appends.
    expect(largest).toBeGreaterThan(1);
  });
});
