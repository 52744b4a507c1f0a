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
import { attackPublications, publicationOf } from '../src/intruder/attack-publications.js';
import type { StatisticsReport } from '../src/report/statistics-report.js';
import type { seededCube } from './seeded-publications.js';

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

/** What the joint intruder derives from every published report: its targets, its findings, the exact ones. */
export async function jointFindings(
  seeded: Awaited<ReturnType<typeof seededCube>>,
  reports: readonly StatisticsReport[],
): Promise<{ readonly targets: number; readonly findings: number; readonly exact: number }> {
  const attack = await attackPublications(
    reports.map((published) => publicationOf(seeded.cube, published)),
    { base: seeded.base, catalogue: seeded.catalogue },
  );
  const exact = attack.findings.filter((finding) => finding.exact).length;
  return { targets: attack.targets, findings: attack.findings.length, exact };
}
