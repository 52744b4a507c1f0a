import {
  createChainVerifier,
  type EventStore,
  type KeyStore,
  type TallyCommandInput,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { answer, contact, serviceOn, uuid, voiding } from './sheet-fixture.js';

// The group commit's promise, checked against its definition: commands sent at once to one
// sheet get exactly what each would get sent one after the other, in the same order. Both
// runs share the keys (as two processes would), so sheets, event ids and receipts compare.

const variantContact = (n: number, variant: number): TallyCommandInput =>
  contact(n, variant === 0 ? 'female' : 'male');
const variantVoid = (n: number, target: number, variant: number): TallyCommandInput =>
  voiding(100 + n, uuid(target), variant === 0 ? 'registered-by-mistake' : 'duplicate');

// Few ids, so that repeats (same content or not) and voids of tallies in the same batch are common.
const command = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1 }))
    .map(([n, v]) => variantContact(n, v)),
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 }))
    .map(([n, target, v]) => variantVoid(n, target, v)),
);

/** A service whose sheet exists: what follows queues on one lane in the order sent. */
async function serviceWithSheet(store: EventStore, keys: KeyStore) {
  const service = await serviceOn(store, keys);
  const first = await service.tally(variantContact(999, 0));
  if (E.isLeft(first)) throw new Error(first.left.code);
  return service;
}

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
        const one = await serviceWithSheet(alone, keys);
        const sequential = [];
        for (const input of commands) sequential.push(answer(await one.tally(input)));
        const counted: EventStore = {
          ...together,
          append: (stream, events, options) => {
            if (stream.startsWith('tally-')) largest = Math.max(largest, events.length);
            return together.append(stream, events, options);
          },
        };
        const other = await serviceWithSheet(counted, keys);
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
