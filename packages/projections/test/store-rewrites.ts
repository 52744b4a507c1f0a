import { randomUUID } from 'node:crypto';
import {
  type Catalogue,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  type RecordedEvent,
} from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';

/** A store with `catalogue` adopted by a command of its own (so an origin of its own), under `keys`. */
export async function adoptedStoreUnder(keys: KeyStore, catalogue: Catalogue): Promise<EventStore> {
  const store = createMemoryEventStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogue.id,
    clock: fixedClock('2025-01-02T08:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: randomUUID(),
    catalogue,
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return store;
}

/**
 * The attacker's rewrite of a store: every event copied byte for byte (id, type, data, envelope),
 * except the streams in `replaced`, taken byte for byte from `donor` instead (written first).
 */
export async function withStreamsOf(
  target: EventStore,
  donor: EventStore,
  replaced: readonly string[],
): Promise<EventStore> {
  const rewritten = createMemoryEventStore();
  const copy = async (event: RecordedEvent) => {
    const { id, type, data, metadata } = event;
    const result = await rewritten.append(event.stream, [{ id, type, data, metadata }], {
      expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
    });
    if (E.isLeft(result)) throw new Error(result.left.code);
  };
  for await (const event of donor.readAll()) if (replaced.includes(event.stream)) await copy(event);
  for await (const event of target.readAll()) if (!replaced.includes(event.stream)) await copy(event);
  return rewritten;
}
