import { type Catalogue, createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { recordCommands, seededYear } from '@pinnstatistik/core/testing';
import {
  createBaseCells,
  replay,
  type StatisticsCube,
  statisticsProjection,
} from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';

/** The seeded year (core/testing, full volume) recorded through the command path and replayed. */
export async function seededCube(seed: number) {
  const catalogue: Catalogue = vaggerydCatalogue();
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogue.id,
    clock: fixedClock('2026-01-20T08:00:00Z'),
  });
  await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: crypto.randomUUID(), catalogue });
  // Contacts of interventions with a series limit go through series, the rest are tallies.
  await recordCommands(service, catalogue, seededYear({ catalogue, year: 2025, seed }), seed);
  const { state: cube }: { state: StatisticsCube } = await replay(store, statisticsProjection({ keys }));
  return { catalogue, keys, cube, base: createBaseCells(cube.sheets()) };
}
