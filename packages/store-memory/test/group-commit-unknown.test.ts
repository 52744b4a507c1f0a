import {
  createChainVerifier,
  createCommandService,
  type EventStore,
  fixedClock,
  StoreUnavailable,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

// A batch's append that lands but whose answer is lost (the connection dropped after the
// commit): the retry must find every command of the batch written and answer each with the
// receipt of what was stored — nothing written twice, nothing refused.

const clock = fixedClock('2025-12-31T12:00:00Z');
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const contact = (n: number): TallyCommandInput => ({
  type: 'TallyContact' as const,
  commandId: uuid(n),
  interventionId: 'motesplats-uppsokande',
  unitId: 'motesplats',
  date: '2025-03-14',
  marks: { gender: n % 2 === 0 ? 'female' : 'male' },
});

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
    const service = createCommandService({
      store,
      keys: createMemoryKeyStore(),
      catalogueId: 'vaggeryd',
      clock,
    });
    const adopted = await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(999_999),
      catalogue: vaggerydCatalogue(),
    });
    expect(E.isRight(adopted)).toBe(true);
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
