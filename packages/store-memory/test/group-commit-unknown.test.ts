import { createChainVerifier, type EventStore, StoreUnavailable } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, serviceOn } from './sheet-fixture.js';

// A batch's append that lands but whose answer is lost (the connection dropped after the
// commit): the retry must find every command of the batch written and answer each with the
// receipt of what was stored — nothing written twice, nothing refused.

describe('a batch whose append landed but was answered StoreUnavailable (outcome unknown)', () => {
  it('is answered on retry with the stored receipts, each command written once', async () => {
    const inner = createMemoryEventStore();
    let losing = 0;
    const store: EventStore = {
      ...inner,
      append: async (stream, events, options) => {
        const result = await inner.append(stream, events, options);
        if (losing > 0 && stream.startsWith('tally-') && events.length > 1) {
          losing -= 1;
          throw new StoreUnavailable('connection lost after commit', 'unknown');
        }
        return result;
      },
    };
    const service = await serviceOn(store, createMemoryKeyStore());
    expect(E.isRight(await service.tally(contact(1)))).toBe(true);
    losing = 1;
    const results = await Promise.all([2, 3, 4, 5].map((n) => service.tally(contact(n))));
    expect(losing).toBe(0); // a batch of several did meet the lost answer
    const receipts = results.map((result) => {
      if (E.isLeft(result)) throw new Error(`refused ${result.left.code}`);
      return result.right;
    });
    const events = (await collect(inner.readAll())).filter((event) => event.stream.startsWith('tally-'));
    expect(events).toHaveLength(5);
    const verifier = createChainVerifier();
    expect(events.map((event) => verifier.check(event)).filter(Boolean)).toEqual([]);
    expect(receipts.map((receipt) => [receipt.eventIds, receipt.revision])).toEqual(
      events.slice(1).map((event) => [[event.id], event.revision]),
    );
  });
});
