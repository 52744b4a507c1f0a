import { createChainVerifier, type EventStore, StoreUnavailable } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, right, serviceOn, voiding } from './sheet-fixture.js';

// Commands queued for one sheet in one process are decided one after the other and appended
// together (one append, one commit on PostgreSQL): these tests hold the batch to what each
// command alone would have done.

/** A store that counts appends to tally sheets and can run its appends inside `exclusive`. */
function countingStore(options: { exclusive?: boolean } = {}) {
  const inner = createMemoryEventStore();
  const counts = { tallyAppends: 0, exclusiveTurns: 0, inTurn: 0, outsideTurn: 0 };
  let turn = false;
  const store: EventStore = {
    ...inner,
    append: async (stream, events, appendOptions) => {
      if (stream.startsWith('tally-')) {
        counts.tallyAppends += 1;
        if (turn) counts.inTurn += 1;
        else counts.outsideTurn += 1;
      }
      return inner.append(stream, events, appendOptions);
    },
    ...(options.exclusive === true
      ? {
          exclusive: async <T>(_stream: string, body: () => Promise<T>): Promise<T> => {
            counts.exclusiveTurns += 1;
            turn = true;
            try {
              return await body();
            } finally {
              turn = false;
            }
          },
        }
      : {}),
  };
  return { inner, store, counts };
}

const serviceOf = (store: EventStore, maxUnavailableRetries?: number) =>
  serviceOn(
    store,
    createMemoryKeyStore(),
    maxUnavailableRetries === undefined ? {} : { maxUnavailableRetries },
  );

const sheetEvents = async (store: EventStore) =>
  (await collect(store.readAll())).filter((event) => event.stream.startsWith('tally-'));

describe('commands queued for one sheet share an append', () => {
  it('twenty tallies sent at once land as twenty chained events in far fewer appends, each with its own receipt', async () => {
    const { inner, store, counts } = countingStore();
    const service = await serviceOf(store);
    right(await service.tally(contact(1))); // the sheet exists: what follows queues on it
    counts.tallyAppends = 0;
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => service.tally(contact(n + 2))));
    const receipts = results.map(right);
    const events = await sheetEvents(inner);
    expect(events).toHaveLength(21);
    const verifier = createChainVerifier();
    expect(events.map((event) => verifier.check(event)).filter(Boolean)).toEqual([]);
    expect(receipts.map((receipt) => receipt.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, n) => n + 1),
    );
    expect(new Set(receipts.flatMap((receipt) => receipt.eventIds))).toEqual(
      new Set(events.slice(1).map((event) => event.id)),
    );
    // The first goes alone; everything that queued meanwhile goes in the next append.
    expect(counts.tallyAppends).toBeLessThanOrEqual(3);
  });

  it('a later command is decided on what earlier ones in its batch wrote; a refusal refuses only its own command', async () => {
    const { inner, store } = countingStore();
    const service = await serviceOf(store);
    const first = right(await service.tally(contact(1)));
    const [tallied, voided, again, other] = await Promise.all([
      service.tally(contact(2)),
      service.tally(voiding(3, first.tallyId)),
      service.tally(voiding(4, first.tallyId)),
      service.tally(contact(5)),
    ]);
    expect(E.isRight(tallied)).toBe(true);
    expect(E.isRight(voided)).toBe(true);
    expect(E.isLeft(again) && again.left.code).toBe('TALLY_ALREADY_VOIDED');
    expect(E.isRight(other)).toBe(true);
    expect(await sheetEvents(inner)).toHaveLength(4);
  });

  it('the same command sent twice while queued is written once and answered alike', async () => {
    const { inner, store } = countingStore();
    const service = await serviceOf(store);
    right(await service.tally(contact(1)));
    const [a, b, c] = await Promise.all([
      service.tally(contact(2)),
      service.tally(contact(2)),
      service.tally(contact(3)),
    ]);
    expect(right(a)).toEqual(right(b));
    expect(E.isRight(c)).toBe(true);
    expect(await sheetEvents(inner)).toHaveLength(3);
  });

  it('a store with turns across processes runs each batch inside one turn', async () => {
    const { store, counts } = countingStore({ exclusive: true });
    const service = await serviceOf(store);
    right(await service.tally(contact(1)));
    await Promise.all(Array.from({ length: 10 }, (_, n) => service.tally(contact(n + 2)).then(right)));
    expect(counts.outsideTurn).toBe(0);
    expect(counts.inTurn).toBe(counts.tallyAppends);
    expect(counts.exclusiveTurns).toBeGreaterThanOrEqual(counts.tallyAppends);
  });

  it('a store that fails under a batch fails every command of it alike, and a retry writes each once', async () => {
    const inner = createMemoryEventStore();
    let failing = false;
    const store: EventStore = {
      ...inner,
      append: (stream, events, options) =>
        failing && stream.startsWith('tally-')
          ? Promise.reject(new StoreUnavailable('connection refused', 'not-written'))
          : inner.append(stream, events, options),
    };
    const service = await serviceOf(store, 0);
    right(await service.tally(contact(1)));
    failing = true;
    const failed = await Promise.all([2, 3, 4].map((n) => service.tally(contact(n))));
    expect(failed.map((result) => E.isLeft(result) && result.left)).toMatchObject([
      { code: 'STORE_UNAVAILABLE', outcome: 'not-written' },
      { code: 'STORE_UNAVAILABLE', outcome: 'not-written' },
      { code: 'STORE_UNAVAILABLE', outcome: 'not-written' },
    ]);
    expect(await sheetEvents(inner)).toHaveLength(1);
    failing = false;
    const retried = await Promise.all([2, 3, 4].map((n) => service.tally(contact(n))));
    expect(retried.every(E.isRight)).toBe(true);
    expect(await sheetEvents(inner)).toHaveLength(4);
  });
});
