/*
 * ATTACK 45 — forged and foreign catalogue versions against the version vetting (attack 44, round 2's
 * fix: `catalogue-versions.ts`, `catalogue-version-vetting.ts`, the keeper's registration, the
 * statistics projection's vetting and `catalogueChains` checkpoint heads, `registerReleaseOrigin`).
 *
 * Attacker: reads, appends, rewrites every byte of production's event store (headers included; a
 * hash chain needs no key), copies streams between stores, reads/writes staging — a store sharing
 * production's key store, whose operator adopts versions with its own command service (so its
 * versions ARE registered) — and reads every published report. Does NOT hold the key store. The
 * operator pins production's origin; harm is measured as attack 44 measured it (seed 42, "Rörligt
 * elevstöd"): live = production's month+quarter+year reports from the keyed replay through the pinned
 * live release log; export = monthly published, store edited and exported, the auditor's quarterly
 * report from the CLI (`collectReport`, `--keys --origin`). Control (no edit): 0 counts in each.
 * Every test asserts the SAFE behaviour; an `it.fails` is a break that works today.
 *
 *  1. FIXED (was a finding): a forged version as the FIRST event of a second catalogue stream
 *     (`catalogue-vaggeryd-tillagg`). Its origin was its own, never marked, so the vetting treated it
 *     as a legacy store and folded it; `policyRelations` mixes every folded catalogue whatever its
 *     stream or id. Live: 19 counts, 16 exactly; export: 3 counts, 3 exactly — attack 44's pre-fix
 *     numbers. Now an unmarked origin's versions are folded only when the key store knows the origin
 *     (`store-origin-…`, a store adopted by an earlier release): 0 counts.
 *  2. holds (at the release layer): production's catalogue stream re-chained under a forged first
 *     version. The cube DOES fold it (versions 1.1.1, 1.1: a new, unmarked origin), but the pin
 *     refuses every report (STORE_ORIGIN_NOT_EXPECTED, live and CLI).
 *  3. FINDING (open): staging's catalogue stream is a byte copy of production's (an operator's clone
 *     of production, or the attacker's rewrite of staging); staging's operator adopts a draft (here
 *     without the `oneOf`). Its event — registered — chains in production byte for byte (same stream
 *     name, revision and previous hash). Copied verbatim: folded. Live 19 / 16 exactly; export 3 / 3.
 *     "A version of a staging store does not chain here" holds only if staging's history differs.
 *  4. holds: staging's registered version (not a clone) copied verbatim, re-sealed after production's
 *     head, forged bytes under a header claiming its registered hash; a genuine version re-chained;
 *     the whole stream replaced by a forged first event claiming production's (marked) origin.
 *     Nothing but the genuine version is folded (the last: nothing at all — denial, but a broken chain).
 *  5. holds: a forged version chained before the operator adopts 2.0: not folded; 2.0 folded.
 *  5b. holds: a forged version squatting "2.0" (chained) does not stop the operator adopting 2.0. It
 *     did while this file was written — CATALOGUE_VERSION_EXISTS, the keeper deciding on every version
 *     its stream held — until the keeper began deciding on the vetted history (`vouchedFor`).
 *  6. holds: a runner resumed from its tagged checkpoint folds the operator's later 2.0, not a forged
 *     version before it (the walk's heads are resumed); a checkpoint whose heads are edited (origin
 *     set to one never marked) is rejected, CHECKPOINT_UNTAGGED, and the fold starts over.
 *  7. holds: a legacy store (first version appended without registration), then the operator's
 *     `registerReleaseOrigin`: a forged version appended after it is not folded, 2.0 is.
 *  8. FIXED (was a finding): a `CatalogueAdopted` in a PERIOD stream (`period-2099-01`, new, plain):
 *     only `catalogue-*` streams are vetted, `isWellFormedPeriodEvent` passes types it has no shape
 *     for, and the fold adopted a `CatalogueAdopted` wherever it read one. Live 19 / 16 exactly; export
 *     3 / 3. Now the projection (and the audit) fold adoptions from catalogue streams only: 0 counts.
 *
 * Shown to fail against (tried, each restored; `git diff --stat packages/* /src` as before):
 *  W1 `vet` answers true for every event — 4, 5, 6, 7 fail.
 *  W2 `checkLink` skipped, the stored header hash trusted — 4 (staging verbatim, claimed hash, claimed
 *     origin folded).
 *  W3 `restore` resumes no heads (`createCatalogueVersionVetting(keys)`) — 6 (2.0 not folded: denial).
 *  W4 `registerCatalogueVersions` marks no origin — 7.
 *  W5 a stream's first event not checked (`checkLink` only with a head) — 4 (claimed origin folded).
 *  W6 the keeper registers no version hash — the seeded year is not recorded (NO_CATALOGUE_IN_FORCE):
 *     every test fails in `beforeAll` (the keeper's vetted history needs the registration too).
 *  W7 the pinned origin not compared (`release-log.ts`) — 2 (CLI report: 29 counts, 29 exactly).
 *  W8 the keeper decides on `loaded.state` (every version, unvetted) — 5b (CATALOGUE_VERSION_EXISTS).
 *
 * 3 stays open: a clone sharing production's key store and origin is the same store to the key store
 * (documented in docs/statistics.md: adopt versions in production only, or give a clone a key store
 * of its own).
 * Root cause of 1, 3 and 8 (as found): the vetting vouches for bytes at a place, per catalogue stream, and treats
 * every origin it does not find marked as legacy. Suggested: fold `CatalogueAdopted` only from
 * `catalogue-*` streams (8); once the key store marks any origin, fold no version of an unmarked one —
 * a key-store-wide marker, as `release-origins` has — or fold only the operator's catalogue stream (1);
 * register a version under the hash AND the origin of the store the service writes to (e.g. the slot
 * named by origin+hash, the origin read by the keeper), so a clone's adoption does not vouch for
 * production (3).
 * Not tried: a staging checkpoint copied whole into production (a state substitution, attack 33's
 * scope); a plain event in a tally stream stops the keyed replay (MalformedEvent: loud, by design).
 * A verbatim duplicate of a genuine event is refused by the memory store (event-id idempotency).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  type Catalogue,
  type CheckpointStore,
  catalogueStream,
  createCommandService,
  type EventStore,
  fixedClock,
  GENESIS_HASH,
  type JsonValue,
  openEvent,
  periodStream,
  sealEvent,
} from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLinesEventStore } from '../../cli/src/jsonl/json-lines-event-store.js';
import { writeExport } from '../../cli/src/jsonl/write-export.js';
import { collectReport } from '../../cli/src/report/collect-report.js';
import type { StatisticsCube } from '../src/cube/statistics-cube.js';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog } from '../src/releases/release-log.js';
import { releaseOrigin } from '../src/releases/release-origin.js';
import { registerReleaseOrigin } from '../src/releases/release-origins.js';
import type { StatisticsReport } from '../src/report/statistics-report.js';
import { createMemoryCheckpointStore } from '../src/runner/memory-checkpoint-store.js';
import { createProjectionRunner } from '../src/runner/projection-runner.js';
import { replay } from '../src/runner/replay.js';
import { ELEVSTOD, elevstod, seededCube } from './seeded-publications.js';
import { adoptedStoreUnder, jointFindings, withStreamsOf } from './store-rewrites.js';

let seeded: Awaited<ReturnType<typeof seededCube>>;
let dir: string;
beforeAll(async () => {
  seeded = await seededCube(42);
  dir = mkdtempSync(join(tmpdir(), 'attack45-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const C = () => seeded.catalogue.id;
const GENUINE = () => seeded.cube.catalogues().map((catalogue) => catalogue.version);
const versionsOf = (cube: StatisticsCube) => cube.catalogues().map((catalogue) => catalogue.version);
const clock = fixedClock('2025-01-02T08:00:00Z');

/** Production: the seeded year with a catalogue adopted by its own command (an origin of its own, marked). */
async function production(): Promise<{ store: EventStore; pin: string }> {
  const store = await withStreamsOf(seeded.store, await adoptedStoreUnder(seeded.keys, seeded.catalogue), [
    catalogueStream(C()),
  ]);
  return { store, pin: (await releaseOrigin(store, C())) as string };
}

/** The operator's own command service on a store (under the shared key store). */
const serviceOn = (store: EventStore) =>
  createCommandService({ store, keys: seeded.keys, catalogueId: C(), clock });

async function adopt(store: EventStore, catalogue: Catalogue): Promise<void> {
  const adopted = await serviceOn(store).adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: randomUUID(),
    catalogue,
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
}

/** The genuine catalogue with "Rörligt elevstöd"'s `oneOf` dropped (in force from 2099 unless told). */
function forgedVersion(version = `${seeded.catalogue.version}.1`, effectiveFrom = '2099-01-01'): Catalogue {
  return {
    ...seeded.catalogue,
    version,
    effectiveFrom,
    interventions: seeded.catalogue.interventions.map((policy) => {
      const contact = policy.tally.contact;
      if (policy.id !== ELEVSTOD || contact === undefined) return policy;
      const { oneOf: _dropped, ...rest } = contact;
      return { ...policy, tally: { ...policy.tally, contact: rest } };
    }),
  } as Catalogue;
}

/** A genuine later version: the same policies, effective from 2026-07-01. */
const genuineV2 = (): Catalogue => ({ ...seeded.catalogue, version: '2.0', effectiveFrom: '2026-07-01' });

/**
 * The attacker's `CatalogueAdopted`, chained by hand after `stream`'s last event — or as the first
 * event of a stream that does not exist yet (its meta copied from production's first version).
 * Returns the event appended, as stored.
 */
async function chainVersion(store: EventStore, stream: string, catalogue: Catalogue) {
  let last: ReturnType<typeof openEvent> | undefined;
  for await (const event of store.readStream(stream)) last = openEvent(event);
  let template = last;
  if (template === undefined)
    for await (const event of seeded.store.readStream(catalogueStream(C()))) {
      template = openEvent(event);
      break;
    }
  if (template === undefined || !template.readable || (last !== undefined && !last.readable))
    throw new Error('no catalogue stream');
  const commandId = randomUUID();
  const revision = last === undefined ? 0 : last.revision + 1;
  const { event } = sealEvent(stream, revision, last === undefined ? GENESIS_HASH : last.hash, {
    id: randomUUID(),
    type: 'CatalogueAdopted',
    data: { catalogue } as unknown as JsonValue,
    meta: {
      ...template.meta,
      commandId,
      correlationId: commandId,
      causationId: commandId,
      catalogueVersion: catalogue.version,
    },
  });
  await put(store, stream, revision, event);
  return event;
}

/** Appends stored bytes as they are (id, type, data, envelope header) at `revision`. */
async function put(
  store: EventStore,
  stream: string,
  revision: number,
  event: { id: string; type: string; data: Uint8Array; metadata: Uint8Array },
): Promise<void> {
  const { id, type, data, metadata } = event;
  const appended = await store.append(stream, [{ id, type, data, metadata }], {
    expected: revision === 0 ? 'no-stream' : revision - 1,
  });
  if (E.isLeft(appended)) throw new Error(appended.left.code);
}

/** The last event of a stream, as stored. */
async function lastOf(store: EventStore, stream: string) {
  let last: Awaited<ReturnType<typeof store.readStream>> extends AsyncIterable<infer T> ? T : never;
  for await (const event of store.readStream(stream)) last = event;
  // biome-ignore lint/style/noNonNullAssertion: the stream exists in every caller
  return last!;
}

/** The CLI's `report <export> --keys … --origin <pin>` path (collectReport): the quarterly report of an export. */
async function cliReport(store: EventStore, pin: string) {
  const file = join(dir, `${randomUUID()}.jsonl`);
  const sink = createWriteStream(file);
  await writeExport(store, sink, { source: 'production', exportedAt: '2026-02-01T09:00:00Z' });
  sink.end();
  await finished(sink);
  const io = { stdout: new PassThrough(), stderr: new PassThrough() };
  io.stdout.resume();
  io.stderr.resume();
  const source = {
    store: createJsonLinesEventStore(file),
    keys: seeded.keys,
    kind: 'file' as const,
    description: file,
    keysDescription: { sv: 'nycklar', en: 'keys' },
    close: async () => undefined,
  };
  return (await collectReport(source, file, elevstod('quarter'), io, 'en', { expectedOrigin: pin })).report;
}

/** A copy of a store, byte for byte. */
const copyOf = (store: EventStore) => withStreamsOf(store, createMemoryEventStore(), []);

type Forge = (store: EventStore) => Promise<EventStore | undefined>;
type Joint = Awaited<ReturnType<typeof jointFindings>>;

/**
 * The harm, measured as attack 44 measured it, on two fresh productions. Live (as 1b): after the
 * `forge`, production's month, quarter and year reports of "Rörligt elevstöd", made from the keyed
 * replay through the pinned live release log. Export (as 1a): production publishes the monthly
 * report, the store is forged and exported, and the auditor makes the quarterly report from the
 * export with the CLI. The joint intruder holds every report of each (or the refusal is told).
 */
async function harm(forge: Forge) {
  const pinnedLog = (store: EventStore, pin: string) =>
    eventStoreReleaseLog(store, { catalogueId: C(), keys: seeded.keys, expectedOrigin: pin });
  const live = async (): Promise<string | Joint> => {
    const { store: genuine, pin } = await production();
    const store = (await forge(genuine)) ?? genuine;
    const { state: cube } = await replay(store, statisticsProjection({ keys: seeded.keys }));
    versions = versionsOf(cube);
    const reports: StatisticsReport[] = [];
    for (const granularity of ['month', 'quarter', 'year'] as const) {
      const made = await publishStatisticsReport(cube, elevstod(granularity), { log: pinnedLog(store, pin) });
      if (E.isLeft(made)) return made.left.code;
      reports.push(made.right);
    }
    return jointFindings(seeded, reports);
  };
  const exported = async (): Promise<string | Joint> => {
    const { store: genuine, pin } = await production();
    const monthly = await publishStatisticsReport(seeded.cube, elevstod('month'), {
      log: pinnedLog(genuine, pin),
    });
    if (E.isLeft(monthly)) throw new Error(monthly.left.code);
    const copy = await copyOf(genuine);
    const store = (await forge(copy)) ?? copy;
    try {
      return await jointFindings(seeded, [monthly.right, await cliReport(store, pin)]);
    } catch (error) {
      return String(error);
    }
  };
  let versions: string[] = [];
  return { live: await live(), versions, cli: await exported() };
}
const disclosesNothing = (outcome: string | Joint) => typeof outcome === 'string' || outcome.findings === 0;

/** A runner of the keyed statistics projection over `store`, run to the end and stopped (checkpoint saved). */
async function runOnce(store: EventStore, checkpoints: CheckpointStore, errors: unknown[]) {
  const runner = createProjectionRunner({
    store,
    projection: statisticsProjection({ keys: seeded.keys }),
    checkpoints,
    checkpointKeys: seeded.keys,
    onError: (error) => errors.push(error),
  });
  await runner.start();
  await runner.whenCaughtUp();
  await runner.stop();
  return versionsOf(runner.state);
}

describe('attack 45: forged and foreign catalogue versions against the version vetting', () => {
  // 1. FINDING: a catalogue stream the key store never heard of has an unmarked origin — "legacy".
  it('1 (fixed): a forged version as the first event of a second catalogue stream is not folded: nothing disclosed', async () => {
    const outcome = await harm(async (store) => {
      await chainVersion(store, `${catalogueStream(C())}-tillagg`, forgedVersion());
      return undefined;
    });
    const control = await harm(async () => undefined);
    console.log(`attack45 1: ${JSON.stringify({ outcome, control })}`);
    expect(outcome.versions).toEqual(GENUINE());
    expect(disclosesNothing(outcome.live) && disclosesNothing(outcome.cli)).toBe(true);
  }, 300_000);

  // 2. Production's catalogue stream re-chained from a forged first version: a new origin, unmarked.
  it('2: production’s catalogue stream re-chained under a forged first version: no report discloses', async () => {
    const outcome = await harm(async (store) => {
      const rewritten = createMemoryEventStore();
      await chainVersion(rewritten, catalogueStream(C()), forgedVersion());
      for await (const event of store.readStream(catalogueStream(C()))) {
        const opened = openEvent(event);
        if (opened.readable)
          await chainVersion(
            rewritten,
            catalogueStream(C()),
            (opened.data as unknown as { catalogue: Catalogue }).catalogue,
          );
      }
      return withStreamsOf(store, rewritten, [catalogueStream(C())]);
    });
    console.log(`attack45 2: ${JSON.stringify(outcome)}`);
    expect(disclosesNothing(outcome.live) && disclosesNothing(outcome.cli)).toBe(true);
  }, 300_000);

  // 3. FINDING: staging's catalogue stream is a byte copy of production's (an operator's clone, or
  // the attacker's rewrite of staging); staging's operator adopts a draft; it chains in production.
  it.fails('FINDING (open): 3 — a version staging’s operator adopted on a clone of production’s catalogue stream, copied verbatim, is folded by production', async () => {
    const outcome = await harm(async (store) => {
      const staging = await withStreamsOf(createMemoryEventStore(), store, [catalogueStream(C())]);
      await adopt(staging, forgedVersion());
      const draft = await lastOf(staging, catalogueStream(C()));
      await put(store, catalogueStream(C()), draft.revision, draft);
      return undefined;
    });
    console.log(`attack45 3: ${JSON.stringify(outcome)}`);
    expect(outcome.versions).toEqual(GENUINE());
    expect(disclosesNothing(outcome.live) && disclosesNothing(outcome.cli)).toBe(true);
  }, 300_000);

  // 4. HOLDS: versions whose hash the key store knows, out of their place — and a header claiming one.
  it('4: staging’s registered version (verbatim, re-chained, its hash claimed over forged bytes), production’s origin claimed, its own version re-chained: none folded', async () => {
    const { store } = await production();
    const staging = await adoptedStoreUnder(seeded.keys, seeded.catalogue);
    await adopt(staging, forgedVersion());
    const registered = await lastOf(staging, catalogueStream(C()));
    const genesis = await lastOf(store, catalogueStream(C()));
    const stream = catalogueStream(C());
    // The forged version sealed at `revision` after `previous`, its header's hash replaced by `claimed`'s.
    const claiming = (revision: number, previous: Uint8Array, claimed: Uint8Array) => {
      const { event } = sealEvent(stream, revision, previous, {
        id: randomUUID(),
        type: 'CatalogueAdopted',
        data: { catalogue: forgedVersion() } as unknown as JsonValue,
        meta: (openEvent(registered) as unknown as { meta: never }).meta,
      });
      const metadata = new Uint8Array(event.metadata);
      metadata.set(claimed.subarray(2), 2);
      return { ...event, metadata };
    };
    const variants: Record<string, (edited: EventStore) => Promise<EventStore | undefined>> = {
      stagingVerbatim: async (edited) => void (await put(edited, stream, 1, registered)),
      stagingRechained: async (edited) => void (await chainVersion(edited, stream, forgedVersion())),
      claimedHash: async (edited) =>
        void (await put(edited, stream, 1, claiming(1, openEvent(genesis).hash, registered.metadata))),
      genuineRechained: async (edited) => void (await chainVersion(edited, stream, seeded.catalogue)),
      // The whole stream replaced by one forged first version claiming production's (marked) origin.
      claimedOrigin: async (edited) => {
        const donor = createMemoryEventStore();
        await put(donor, stream, 0, claiming(0, GENESIS_HASH, genesis.metadata));
        return withStreamsOf(edited, donor, [stream]);
      },
    };
    const folded: Record<string, string[]> = {};
    for (const [name, edit] of Object.entries(variants)) {
      const copy = await copyOf(store);
      const edited = (await edit(copy)) ?? copy;
      folded[name] = versionsOf((await replay(edited, statisticsProjection({ keys: seeded.keys }))).state);
    }
    console.log(`attack45 4: ${JSON.stringify(folded)}`);
    // Nothing but the genuine version is folded (and with its first link broken, not even that).
    expect(folded).toEqual({
      stagingVerbatim: GENUINE(),
      stagingRechained: GENUINE(),
      claimedHash: GENUINE(),
      genuineRechained: GENUINE(),
      claimedOrigin: [],
    });
  }, 300_000);

  // 5. HOLDS: a forged version chained before the operator's next adoption; the adoption is folded.
  it('5: a forged version chained in before the operator adopts 2.0 is not folded; 2.0 is', async () => {
    const { store } = await production();
    await chainVersion(store, catalogueStream(C()), forgedVersion());
    await adopt(store, genuineV2());
    const { state } = await replay(store, statisticsProjection({ keys: seeded.keys }));
    expect(versionsOf(state)).toEqual([...GENUINE(), '2.0']);
  }, 300_000);

  // 5b. HOLDS: the service decides an adoption on the versions the key store vouches for.
  it('5b: a forged version squatting "2.0" does not stop the operator adopting 2.0', async () => {
    const { store } = await production();
    await chainVersion(store, catalogueStream(C()), forgedVersion('2.0', '2026-07-01'));
    const adopted = await serviceOn(store).adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: randomUUID(),
      catalogue: genuineV2(),
    });
    console.log(`attack45 5b: ${E.isLeft(adopted) ? adopted.left.code : 'adopted'}`);
    expect(E.isRight(adopted)).toBe(true);
  }, 300_000);

  // 6. HOLDS: checkpoints. The walk's heads are resumed from a tagged checkpoint; edited heads are not.
  it('6: a runner resumed from its checkpoint folds the operator’s later 2.0 and not a forged version; an edited checkpoint is not restored', async () => {
    const { store } = await production();
    const checkpoints = createMemoryCheckpointStore();
    const errors: unknown[] = [];
    expect(await runOnce(store, checkpoints, errors)).toEqual(GENUINE());
    await chainVersion(store, catalogueStream(C()), forgedVersion());
    await adopt(store, genuineV2());
    expect(await runOnce(store, checkpoints, errors)).toEqual([...GENUINE(), '2.0']);
    expect(errors).toEqual([]); // resumed, not folded again from the start
    // The attacker edits the stored checkpoint: the catalogue stream's origin made one never marked.
    const saved = (await checkpoints.load('statistics')) as unknown as {
      position: string;
      state: { state: { state: { catalogueChains: { origin: string | null }[] } } };
    };
    for (const head of saved.state.state.state.catalogueChains) head.origin = 'ff'.repeat(32);
    await checkpoints.save('statistics', saved as never);
    await chainVersion(store, catalogueStream(C()), forgedVersion('2.1', '2099-02-01'));
    expect(await runOnce(store, checkpoints, errors)).toEqual([...GENUINE(), '2.0']);
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['CHECKPOINT_UNTAGGED']);
  }, 300_000);

  // 7. HOLDS: a legacy store (adopted before versions were registered), then the operator's step.
  it('7: a legacy store registered with registerReleaseOrigin folds no version appended after', async () => {
    const legacy = createMemoryEventStore();
    await chainVersion(legacy, catalogueStream(C()), seeded.catalogue);
    const store = await withStreamsOf(seeded.store, legacy, [catalogueStream(C())]);
    const registered = await registerReleaseOrigin(store, seeded.keys, C());
    expect(E.isRight(registered)).toBe(true);
    await chainVersion(store, catalogueStream(C()), forgedVersion());
    await adopt(store, genuineV2());
    const { state } = await replay(store, statisticsProjection({ keys: seeded.keys }));
    expect(versionsOf(state)).toEqual([...GENUINE(), '2.0']);
  }, 300_000);

  // 8. FINDING: the fold adopts a `CatalogueAdopted` wherever it is read; only catalogue streams are vetted.
  it('8 (fixed): a forged version in a period stream is not folded: nothing disclosed', async () => {
    const outcome = await harm(async (store) => {
      await chainVersion(store, periodStream('2099-01'), forgedVersion());
      return undefined;
    });
    console.log(`attack45 8: ${JSON.stringify(outcome)}`);
    expect(outcome.versions).toEqual(GENUINE());
    expect(disclosesNothing(outcome.live) && disclosesNothing(outcome.cli)).toBe(true);
  }, 300_000);
});
