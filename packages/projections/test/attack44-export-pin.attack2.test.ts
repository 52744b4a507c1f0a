/*
 * ATTACK 44 on an export, second round — the export pin (`readOnlyReleaseLog(store, { keys?,
 * catalogueId, expectedOrigin })`, the CLI's `report <export> --origin`) attacked.
 *
 * Attacker: edits every byte of the export an auditor is given (and recomputes every hash chain
 * and the trailer: a hash chain needs no key), reads every published report and every store that
 * shares production's key store (staging). Does NOT hold the key store or the checkpoint-signing
 * key. The auditor pins production's origin correctly, and holds the operator's signed checkpoint.
 *
 * Every test asserts the SAFE behaviour.
 *  1. FIXED (was open): a catalogue version the operator never adopted, appended to production's
 *     genuine catalogue stream after its first event (a plain `CatalogueAdopted`, chained by hand,
 *     dated 2099 so it is in force for nothing, identical but for "Rörligt elevstöd"'s `oneOf`).
 *     The pin reads only that first event, and the export verifies clean against the operator's
 *     signed checkpoint (an event after it only grows the stream). The joint protection keeps a
 *     catalogue identity only where *every adopted version* states it, so the forged version
 *     stripped attack 39's identity: (a) from the auditor's quarterly report made from the edited
 *     export (3 counts, 3 exactly; without the forged line: 0); (b) on the live store, from
 *     production's own month, quarter and year reports (19 counts, 16 exactly). Now the adopting
 *     service registers each version's chain hash in the key store, and the statistics projection
 *     holding the keys folds no other (`createCatalogueVersionVetting`): the forged version is not
 *     folded, and nothing is disclosed.
 *  2. the store answering its catalogue stream differently each time (a file swapped between
 *     reads): the origin is read once, so staging's bytes on the first read are refused however
 *     production's answer every later read.
 *  3. releases of another catalogue id: staging under its own id, its catalogue stream and release
 *     copied in beside production's. Not counted under the pin (production's monthly still is: 0
 *     counts); a pin naming staging's catalogue id with production's origin is refused.
 *  4. staging's first catalogue event with a header claiming production's origin (the hash does not
 *     follow from its bytes), and malformed pins (whitespace, 0x, a prefix, a non-hex digit): refused.
 *
 * Measured (seed 42) before the fix: 1a 3 counts, 3 exactly (control 0); 1b 19 counts, 16 exactly.
 * A forged version in force within the range (effective 2025-12-01) on the live store gave 23
 * counts, 7 exactly. Root cause: `CatalogueAdopted` carried no proof and the statistics projection
 * folded every one it read; the pin — and the key store's origin registration — vouch only for the
 * stream's first event. After the fix: 0 counts in each (more attackers on the fix in
 * `attack45-forged-catalogue-versions.test.ts`).
 * Shown to fail against (tried, restored): (W1) the pin compared with a second read of the
 * catalogue stream — 2; (W2) pinned proofs checked per release catalogue again — 3; (W3)
 * `checkLink` dropped from `releaseOrigin` — 4.
 *
 * Tried and not listed as a break: the export holding production's genuine catalogue stream and
 * everything else staging's (data, releases). The pin is silent — it authenticates one public
 * event any editor of the export can keep — but with respect to releases that is production's
 * export with its releases removed or replaced (documented: the signed checkpoint covers it).
 * Uppercase pins, a pin without a catalogue id and the read-only log's record are covered by
 * `attack44-export-pin.test.ts` and `attack44-pin.attack2.test.ts`.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  type Catalogue,
  catalogueStream,
  type EventStore,
  fixedClock,
  type JsonValue,
  openEvent,
  readLogKeyEvents,
  sealEvent,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLinesEventStore } from '../../cli/src/jsonl/json-lines-event-store.js';
import { verifyExportLog } from '../../cli/src/jsonl/verify-export-log.js';
import { writeExport } from '../../cli/src/jsonl/write-export.js';
import { collectReport } from '../../cli/src/report/collect-report.js';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { policyRelations } from '../src/intruder/policy-relations.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog, readOnlyReleaseLog } from '../src/releases/release-log.js';
import { releaseOrigin } from '../src/releases/release-origin.js';
import { RELEASES_STREAM } from '../src/releases/report-release.js';
import type { ReportOptionsInput } from '../src/report/report-options.js';
import type { ReportCube, StatisticsReport } from '../src/report/statistics-report.js';
import { replay } from '../src/runner/replay.js';
import { ELEVSTOD, elevstod, seededCube } from './seeded-publications.js';
import { adoptedStoreUnder, jointFindings, withStreamsOf } from './store-rewrites.js';

let seeded: Awaited<ReturnType<typeof seededCube>>;
let dir: string;
beforeAll(async () => {
  seeded = await seededCube(42);
  dir = mkdtempSync(join(tmpdir(), 'attack44-export-pin-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const C = () => seeded.catalogue.id;

/**
 * Production: the seeded year's events (encrypted under the shared key store) with a catalogue
 * adopted by its own command — an origin of its own, so anchors of one test are not another's.
 */
async function production(): Promise<{ store: EventStore; pin: string }> {
  const store = await withStreamsOf(seeded.store, await adoptedStoreUnder(seeded.keys, seeded.catalogue), [
    catalogueStream(C()),
  ]);
  return { store, pin: (await releaseOrigin(store, C())) as string };
}

const liveLog = (store: EventStore, pin: string, catalogueId = C()) =>
  eventStoreReleaseLog(store, { catalogueId, keys: seeded.keys, expectedOrigin: pin });

async function publish(
  log: ReturnType<typeof liveLog>,
  input: ReportOptionsInput,
  cube: ReportCube = seeded.cube,
): Promise<StatisticsReport> {
  const made = await publishStatisticsReport(cube, input, { log });
  if (E.isLeft(made)) throw new Error(made.left.code);
  return made.right;
}

/** The genuine catalogue with "Rörligt elevstöd"'s `oneOf` dropped, in force from 2099: a version nobody adopted. */
function forgedVersion(catalogue: Catalogue): Catalogue {
  return {
    ...catalogue,
    version: `${catalogue.version}.1`,
    effectiveFrom: '2099-01-01',
    interventions: catalogue.interventions.map((policy) => {
      const contact = policy.tally.contact;
      if (policy.id !== ELEVSTOD || contact === undefined) return policy;
      const { oneOf: _dropped, ...rest } = contact;
      return { ...policy, tally: { ...policy.tally, contact: rest } };
    }),
  } as Catalogue;
}

/** The attacker's one event: the forged version, a plain `CatalogueAdopted` chained after the stream's last event. */
async function appendForgedVersion(store: EventStore): Promise<void> {
  const stream = catalogueStream(C());
  let last: ReturnType<typeof openEvent> | undefined;
  for await (const event of store.readStream(stream)) last = openEvent(event);
  if (last === undefined || !last.readable) throw new Error('no catalogue stream');
  const catalogue = forgedVersion((last.data as unknown as { catalogue: Catalogue }).catalogue);
  const commandId = randomUUID();
  const { event } = sealEvent(stream, last.revision + 1, last.hash, {
    id: randomUUID(),
    type: 'CatalogueAdopted',
    data: { catalogue } as unknown as JsonValue,
    meta: {
      ...last.meta,
      commandId,
      correlationId: commandId,
      causationId: commandId,
      catalogueVersion: catalogue.version,
    },
  });
  const appended = await store.append(stream, [event], { expected: last.revision });
  if (E.isLeft(appended)) throw new Error(appended.left.code);
}

/** A store's log written as an export file, the checkpoint its checkpoint stream holds carried in the trailer. */
async function exportFile(store: EventStore, name: string): Promise<string> {
  const file = join(dir, name);
  const sink = createWriteStream(file);
  await writeExport(store, sink, { source: 'production', exportedAt: '2026-02-01T09:00:00Z' });
  sink.end();
  await finished(sink);
  return file;
}

/** The CLI's `report <file> --keys … --origin <pin>` path (collectReport), on the shared key store. */
async function cliReport(file: string, input: ReportOptionsInput, pin: string) {
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
  return collectReport(source, file, input, io, 'en', { expectedOrigin: pin });
}

/**
 * Production publishes its monthly report (pinned, recorded) and signs a checkpoint; the export
 * carries it. The attacker's copy gets the forged version after it (or nothing: the control).
 */
async function exportedWithMonthly(forge: boolean) {
  const { store, pin } = await production();
  const monthly = await publish(liveLog(store, pin), elevstod('month'));
  const checkpoint = await writeLogCheckpoint({
    store,
    keys: seeded.keys,
    clock: fixedClock('2026-01-31T09:00:00Z'),
  });
  const adopted = (await readLogKeyEvents(store)).find((event) => event.type === 'LogKeyAdopted');
  if (adopted === undefined) throw new Error('no signing key adopted');
  const publicKey = new Uint8Array(Buffer.from(adopted.data.publicKey, 'base64'));
  const edited = await withStreamsOf(store, createMemoryEventStore(), []);
  if (forge) await appendForgedVersion(edited);
  const file = await exportFile(edited, `${forge ? 'edited' : 'genuine'}-${randomUUID()}.jsonl`);
  const verified = await verifyExportLog(file, { trusted: [checkpoint], publicKeys: [publicKey] });
  return { pin, monthly, file, verified };
}

describe('attack 44 on an export, round 2: the export pin', () => {
  // 1 (a). The forged version in the export: pinned, proven, verified clean — it disclosed 3 counts.
  it('1a (fixed): a catalogue version nobody adopted, appended to production’s catalogue stream in the export, is not folded by the auditor holding the keys: nothing disclosed', async () => {
    const { pin, monthly, file, verified } = await exportedWithMonthly(true);
    const exported = createJsonLinesEventStore(file);
    const seen = await readOnlyReleaseLog(exported, {
      keys: seeded.keys,
      catalogueId: C(),
      expectedOrigin: pin,
    }).read();
    const { state: cube } = await replay(exported, statisticsProjection({ keys: seeded.keys }));
    let made: StatisticsReport | undefined;
    let refusal: string | undefined;
    try {
      made = (await cliReport(file, elevstod('quarter'), pin)).report;
    } catch (error) {
      refusal = String(error);
    }
    const joint = made === undefined ? undefined : await jointFindings(seeded, [monthly, made]);
    console.log(
      `attack44-export-pin 1a: ${JSON.stringify({
        verifyFindings: verified.findings.map((finding) => finding.code),
        checkpointPinned: verified.verification.latest?.pinned,
        eventsAfterCheckpoint: verified.verification.eventsAfterCheckpoint,
        notExpected: seen.originNotExpected,
        releases: seen.releases.length,
        unproven: seen.unproven.length,
        versions: cube.catalogues().map((catalogue) => catalogue.version),
        relations: policyRelations(cube.catalogues()).length,
        genuineRelations: policyRelations(seeded.cube.catalogues()).length,
        refusal,
        joint,
      })}`,
    );
    // Safe: the forged version is not folded, and the pin (or the verification, or the report)
    // refuses the export, or nothing is disclosed.
    expect(cube.catalogues().map((catalogue) => catalogue.version)).toEqual(
      seeded.cube.catalogues().map((catalogue) => catalogue.version),
    );
    expect(
      seen.originNotExpected ||
        verified.findings.length > 0 ||
        refusal !== undefined ||
        joint?.findings === 0,
    ).toBe(true);
  }, 600_000);

  // 1 (b). The same event on the live store: the operator's own pinned reports lost the identity.
  it('1b (fixed): the same forged version appended to the live store is not folded: production’s own month, quarter and year reports disclose nothing', async () => {
    const { store, pin } = await production();
    await appendForgedVersion(store);
    const { state: cube } = await replay(store, statisticsProjection({ keys: seeded.keys }));
    const log = liveLog(store, pin);
    const reports: StatisticsReport[] = [];
    let refusal: string | undefined;
    for (const granularity of ['month', 'quarter', 'year'] as const) {
      const made = await publishStatisticsReport(cube, elevstod(granularity), { log });
      if (E.isLeft(made)) {
        refusal = made.left.code;
        break;
      }
      reports.push(made.right);
    }
    const joint = await jointFindings(seeded, reports);
    console.log(
      `attack44-export-pin 1b: ${JSON.stringify({ notExpected: (await log.read()).originNotExpected, refusal, joint })}`,
    );
    expect(refusal !== undefined || joint.findings === 0).toBe(true);
  }, 600_000);

  // Control for 1: the same export without the forged line — pinned, verified, and the quarterly
  // report protected jointly with the monthly one, identity included: nothing disclosed.
  it('control: production’s export as signed is read under the pin, verifies clean and discloses nothing', async () => {
    const { pin, monthly, file, verified } = await exportedWithMonthly(false);
    expect(verified.findings).toEqual([]);
    expect(verified.verification.latest?.pinned).toBe(true);
    const { report } = await cliReport(file, elevstod('quarter'), pin);
    expect(report.recorded).toBe(false);
    expect(await jointFindings(seeded, [monthly, report])).toMatchObject({ findings: 0 });
  }, 600_000);

  // 2. HOLDS: the origin is read once per read. A store (a file swapped between reads) answering
  // staging's catalogue stream to the first read and production's to every later one is refused.
  it('2: staging’s catalogue stream on the first read, production’s on every later one: refused, with keys and without', async () => {
    const { store, pin } = await production();
    const staging = await adoptedStoreUnder(seeded.keys, seeded.catalogue);
    const calls = new Map<string, number>();
    const raced = new Proxy(store, {
      get(target, property) {
        if (property === 'readStream')
          return (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
            const n = calls.get(stream) ?? 0;
            calls.set(stream, n + 1);
            return (stream === catalogueStream(C()) && n === 0 ? staging : target).readStream(
              stream,
              options,
            );
          };
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    for (const keys of [seeded.keys, undefined]) {
      calls.clear();
      const made = await publishStatisticsReport(seeded.cube, elevstod('quarter'), {
        log: readOnlyReleaseLog(raced, {
          ...(keys === undefined ? {} : { keys }),
          catalogueId: C(),
          expectedOrigin: pin,
        }),
      });
      expect(E.isLeft(made) && made.left.code).toBe('STORE_ORIGIN_NOT_EXPECTED');
      expect(calls.get(catalogueStream(C()))).toBe(1);
    }
  }, 600_000);

  // 3. HOLDS: staging under its own catalogue id X. Its catalogue stream copied in and its release
  // appended (re-chained) after production's: pinned, only production's release counts, and the
  // quarterly report is protected with it. Pinning X with production's origin is refused.
  it('3: releases of another catalogue id are not counted under the pin; a pin naming that id is refused', async () => {
    const X = `${C()}-staging`;
    const stagingCatalogue: Catalogue = { ...seeded.catalogue, id: X };
    const stagingCube: ReportCube = {
      sheets: () => seeded.cube.sheets(),
      catalogues: () => seeded.cube.catalogues().map((catalogue) => ({ ...catalogue, id: X })),
    };
    const { store, pin } = await production();
    const monthly = await publish(liveLog(store, pin), elevstod('month'));
    const staging = await adoptedStoreUnder(seeded.keys, stagingCatalogue);
    const stagingPin = (await releaseOrigin(staging, X)) as string;
    // Staging publishes the very report the auditor will make: with nothing hidden jointly, if counted.
    await publish(liveLog(staging, stagingPin, X), elevstod('quarter'), stagingCube);
    const edited = await withStreamsOf(store, staging, [catalogueStream(X)]);
    let head: Uint8Array | undefined;
    let revision = -1;
    for await (const event of edited.readStream(RELEASES_STREAM)) {
      head = openEvent(event).hash;
      revision = event.revision;
    }
    for await (const event of staging.readStream(RELEASES_STREAM)) {
      const opened = openEvent(event);
      if (!opened.readable || head === undefined) throw new Error('unreadable');
      revision += 1;
      const { event: sealed, hash } = sealEvent(RELEASES_STREAM, revision, head, {
        id: event.id,
        type: opened.type,
        data: opened.data,
        meta: opened.meta,
      });
      const appended = await edited.append(RELEASES_STREAM, [sealed], { expected: revision - 1 });
      if (E.isLeft(appended)) throw new Error(appended.left.code);
      head = hash;
    }
    const seen = await readOnlyReleaseLog(edited, {
      keys: seeded.keys,
      catalogueId: C(),
      expectedOrigin: pin,
    }).read();
    expect({
      notExpected: seen.originNotExpected,
      releases: seen.releases.map((release) => release.releaseId),
      unproven: seen.unproven,
    }).toEqual({ notExpected: false, releases: [monthly.release.releaseId], unproven: [1] });
    const quarterly = await publish(
      readOnlyReleaseLog(edited, { keys: seeded.keys, catalogueId: C(), expectedOrigin: pin }),
      elevstod('quarter'),
    );
    expect(await jointFindings(seeded, [monthly, quarterly])).toMatchObject({ findings: 0 });
    for (const keys of [seeded.keys, undefined]) {
      const other = await readOnlyReleaseLog(edited, {
        ...(keys === undefined ? {} : { keys }),
        catalogueId: X,
        expectedOrigin: pin,
      }).read();
      expect(other.originNotExpected).toBe(true);
    }
  }, 600_000);

  // 4. HOLDS: staging's export with its first catalogue event's header claiming production's
  // origin names no origin (the hash must follow from the bytes); a pin with whitespace, a prefix
  // or a non-hex digit never matches. Each refused, with keys and without.
  it('4: a header claiming production’s origin over staging’s bytes, and malformed pins, are refused', async () => {
    const { store, pin } = await production();
    const staging = await adoptedStoreUnder(seeded.keys, seeded.catalogue);
    const claimed = createMemoryEventStore();
    for await (const event of staging.readAll()) {
      const { id, type, data, metadata } = event;
      const header = new Uint8Array(metadata);
      if (event.stream === catalogueStream(C()) && event.revision === 0)
        header.set(Buffer.from(pin, 'hex'), header.length - 32);
      const appended = await claimed.append(event.stream, [{ id, type, data, metadata: header }], {
        expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
      });
      if (E.isLeft(appended)) throw new Error(appended.left.code);
    }
    expect(await releaseOrigin(claimed, C())).toBeNull();
    const cases: [EventStore, string][] = [
      [claimed, pin],
      [store, ` ${pin}`],
      [store, `0x${pin}`],
      [store, pin.slice(0, 63)],
      [store, `${pin.slice(0, 63)}g`],
    ];
    for (const [source, expectedOrigin] of cases)
      for (const keys of [seeded.keys, undefined]) {
        const made = await publishStatisticsReport(seeded.cube, elevstod('quarter'), {
          log: readOnlyReleaseLog(source, {
            ...(keys === undefined ? {} : { keys }),
            catalogueId: C(),
            expectedOrigin,
          }),
        });
        expect(E.isLeft(made) && made.left.code).toBe('STORE_ORIGIN_NOT_EXPECTED');
      }
  }, 600_000);
});
