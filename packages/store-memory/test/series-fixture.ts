import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

// What the store-memory tests of one open series share: a service on fresh stores, the
// Vaggeryd catalogue adopted, one series of råd och stöd at Mötesplats opened. Command ids
// come from the caller's `uuid`, so each file keeps ids of its own.

export { SESSION_MARKS } from '@pinnstatistik/core/testing';

/** A service (a process) with one open series of råd och stöd, and the series' token (on fresh stores unless given). */
export async function serviceWithSeries(
  uuid: (n: number) => string,
  stores: { readonly store: EventStore; readonly keys: KeyStore } = {
    store: createMemoryEventStore(),
    keys: createMemoryKeyStore(),
  },
): Promise<{ service: CommandService; token: string }> {
  const service = createCommandService({
    ...stores,
    catalogueId: 'vaggeryd',
    clock: fixedClock('2026-02-20T10:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(0),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  const opened = await service.openSeries({
    type: 'OpenSeries',
    commandId: uuid(1),
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
  });
  if (E.isLeft(opened)) throw new Error(opened.left.code);
  return { service, token: opened.right.token };
}
