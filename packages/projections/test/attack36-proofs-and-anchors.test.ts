/*
 * ATTACK 36 — against attack 32's release proofs and attack 33's checkpoint anchors.
 *
 * Attacker: can append to every event store the operator runs; holds no key store; holds every
 * published report and copies of earlier genuine events (backups). Operators run two stores with
 * one key store (a staging store beside production, two municipalities' stores on one shared key
 * service), and move events between stores (export, import).
 *
 * BREAK 1 (releases): attack 32's proof is an HMAC of the release bound to the stream name
 * `releases` only — not to the store. A genuine, proven `ReportPublished` of one store copied
 * into another store under the same key store is read there as one of that store's releases. A
 * staging store with nothing in it publishes "nothing hidden" reports (all zeros: nothing to
 * suppress); copied into production they blind its joint protection exactly as attack 32's
 * forgeries did, now with valid proofs. Measured before the fix (seed 42, three interventions,
 * production's monthly then quarterly suppressed report of 2025): 4 releases read, none unproven;
 * the joint intruder found 96 counts (19 exactly, 11 of them counts 1–4) of 523 targets — with
 * the genuine history alone, none.
 * FIX: the proof also binds the store (`release-origin.ts`: the hash of the first event of the
 * release's catalogue stream); the copies are read as unproven (1 release, unproven [1, 2, 3]),
 * the quarterly report discloses nothing (620 targets). Fails with the origin left out (`origin`
 * fixed to null in `releaseProof`'s callers, tried).
 *
 * HOLDS: the binding survives what an operator does to a store — an import of it (the catalogue
 * stream's first event is copied byte for byte) and a new catalogue version adopted after a
 * release.
 */
import { randomUUID } from 'node:crypto';
import { createCommandService, type EventStore, fixedClock, openEvent } from '@pinnstatistik/core';
import { appendKeyless } from '@pinnstatistik/core/testing';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackPublications, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog, type ReleaseLog, readOnlyReleaseLog } from '../src/releases/release-log.js';
import { RELEASES_STREAM } from '../src/releases/report-release.js';
import type { ReportOptionsInput } from '../src/report/report-options.js';
import type { ReportCube } from '../src/report/statistics-report.js';
import { seededCube } from './seeded-publications.js';

const YEAR = { from: '2025-01', to: '2025-12' } as const;
const SELECTION: Partial<ReportOptionsInput> = {
  interventions: ['familjecentral-enskilda-samtal', 'faltare-gruppverksamhet', 'motesplats-oppen-verksamhet'],
};

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

/** A store of the operator's, with the catalogue adopted (its own command id) and its release log, under the shared key store. */
async function operatorStore(): Promise<{ store: EventStore; log: ReleaseLog }> {
  const store = createMemoryEventStore();
  const service = createCommandService({
    store,
    keys: seeded.keys,
    catalogueId: seeded.catalogue.id,
    clock: fixedClock('2025-01-02T08:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: randomUUID(),
    catalogue: seeded.catalogue,
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return { store, log: eventStoreReleaseLog(store, { catalogueId: seeded.catalogue.id, keys: seeded.keys }) };
}

async function publish(cube: ReportCube, log: ReleaseLog, input: ReportOptionsInput) {
  const report = await publishStatisticsReport(cube, input, { log });
  if (E.isLeft(report)) throw new Error(report.left.code);
  return report.right;
}

/** Every `ReportPublished` event's data in a store, as stored (proof included): what the attacker copies. */
async function storedReleases(store: EventStore): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for await (const recorded of store.readStream(RELEASES_STREAM)) {
    const event = openEvent(recorded);
    if (event.readable) found.push(event.data as Record<string, unknown>);
  }
  return found;
}

describe('attack 36: release proofs', () => {
  // BREAK 1. Staging (same key store) publishes the year at month, quarter and year granularity
  // from an empty cube: nothing to hide, `suppressed: []`, each proven. The attacker copies the
  // three stored events, proofs and all, into production's releases stream after production's
  // genuine monthly release; production's quarterly report is then protected as if those figures
  // had all been published.
  it('a proven release of another store under the same key store is not one of this store’s releases', async () => {
    const staging = await operatorStore();
    const empty: ReportCube = { sheets: () => [], catalogues: () => seeded.cube.catalogues() };
    for (const granularity of ['month', 'quarter', 'year'] as const)
      await publish(empty, staging.log, { ...YEAR, ...SELECTION, method: 'suppression', granularity });
    const copies = await storedReleases(staging.store);
    expect(copies.map((data) => (data.suppressed as unknown[]).length)).toEqual([0, 0, 0]);

    const production = await operatorStore();
    const monthly = await publish(seeded.cube, production.log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'month',
    });
    await appendKeyless(
      production.store,
      RELEASES_STREAM,
      copies.map((data) => ({ id: randomUUID(), type: 'ReportPublished', data })),
    );
    const read = await production.log.read();
    const quarterly = await publish(seeded.cube, production.log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'quarter',
    });
    const attack = await attackPublications(
      [publicationOf(seeded.cube, monthly), publicationOf(seeded.cube, quarterly)],
      { base: seeded.base, catalogue: seeded.catalogue },
    );
    const exact = attack.findings.filter((finding) => finding.exact);
    console.log(
      `attack 36 (1): releases read ${read.releases.length}, unproven ${JSON.stringify(read.unproven)}, targets ${attack.targets}, findings ${attack.findings.length}, exact ${exact.length}, exact small ${exact.filter((finding) => finding.actual > 0 && finding.actual < 5).length}`,
    );
    expect(attack.targets).toBeGreaterThan(100);
    expect({ releases: read.releases.length, unproven: read.unproven }).toEqual({
      releases: 1,
      unproven: [1, 2, 3],
    });
    expect(attack.findings).toEqual([]);
  }, 600_000);

  // HOLDS. The operator publishes, adopts a new catalogue version, then moves the store (every
  // event copied as the CLI's import does: id, type, data and envelope bytes). The release is still
  // proven in the import, read live or as a read-only export with keys. Fails with the origin taken
  // from the catalogue stream's LAST event (release-origin.ts reading backwards, tried): the new
  // version makes the release unproven — forgotten by the joint protection.
  it('a release stays proven after a new catalogue version and in an import of its store', async () => {
    const production = await operatorStore();
    await publish(seeded.cube, production.log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'year',
    });
    const service = createCommandService({
      store: production.store,
      keys: seeded.keys,
      catalogueId: seeded.catalogue.id,
      clock: fixedClock('2025-06-02T08:00:00Z'),
    });
    const next = await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: randomUUID(),
      catalogue: { ...seeded.catalogue, version: '9.0', effectiveFrom: '2025-06-01' },
    });
    expect(E.isRight(next) || next.left.code).toBe(true);
    const moved = createMemoryEventStore();
    for await (const event of production.store.readAll()) {
      const { id, type, data, metadata } = event;
      const result = await moved.append(event.stream, [{ id, type, data, metadata }], {
        expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
      });
      expect(E.isRight(result)).toBe(true);
    }
    const counts = async (log: ReleaseLog) => {
      const read = await log.read();
      return { releases: read.releases.length, unproven: read.unproven };
    };
    expect({
      live: await counts(production.log),
      imported: await counts(
        eventStoreReleaseLog(moved, { catalogueId: seeded.catalogue.id, keys: seeded.keys }),
      ),
      exported: await counts(readOnlyReleaseLog(moved, { keys: seeded.keys })),
    }).toEqual({
      live: { releases: 1, unproven: [] },
      imported: { releases: 1, unproven: [] },
      exported: { releases: 1, unproven: [] },
    });
  }, 600_000);
});
