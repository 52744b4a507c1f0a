import {
  type CommandService,
  createCommandService,
  createLogVerifier,
  decodeInner,
  type EventStore,
  fixedClock,
  GENESIS_HASH,
  isIntegrityError,
  type KeyStore,
  type LogFinding,
  periodKeyId,
  readHeader,
  readLogKeyEvents,
  readSealedPeriod,
  sealEvent,
  storedLogCheckpoints,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { ATTACKED_SHEET, numberedCommands } from '@pinnstatistik/core/testing';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createEventStoreDbStore } from './event-store-db-store.js';
import { clientFor, type DoubleCombination, storeOnDouble } from './testing/double-clients.js';
import { type DoubleRecord, type DoubleStreamRead, TOMBSTONE_REVISION } from './testing/double-log.js';
import type { EsdbDouble } from './testing/esdb-double.js';

// Attack 26: a hostile (or faulty) EventStoreDB node, and a holder of every byte a node keeps.
//
// The attacker is the node the operator's processes talk to through the real client and real
// gRPC (the double): it holds every record of `$all` — the events of tombstoned streams until a
// scavenge, the tombstones, the `$ce-*` links and `$` streams, the `created` stamps — and it
// answers reads as it likes: a stream read with another stream's genuine events, a page with an
// event dropped, repeated or spliced in from elsewhere, `$all` with a signed event changed or a
// forged tombstone. It has no key store and no signing key. Any client with plain write access to
// the node (no key) can do what the fifth attack does, too.
//
// Verdicts (each test held; 4 and 5 were breaks, written as `it.fails` and fixed since):
// 1. holds — a copy of the node's bytes after a month is sealed and its series closed: before the
//    scavenge, what is left of the deleted streams is ciphertext of one clear type and one length
//    per kind, no command id, token, note or destroyed key anywhere; after it, nothing of them
//    but their tombstones and `n@name` links (README, "Deletion and scavenge").
// 2. holds — a stream read answered with a page that drops or repeats an event, or splices in
//    another stream's genuine event: a cold process refuses with an integrity error and writes
//    nothing (docs/storage.md; attack 22 on other stores).
// 3. holds — `verify` over the node (every checkpoint it holds, the key pinned) reports `$all`
//    with a signed event dropped, repeated or moved to another stream, a signed stream rewritten
//    with every chain recomputed, or a signed stream hidden behind a forged tombstone (which the
//    adapter believes: it then hides the stream from every read of `$all`).
// 4. was a BREAK — the read of a month's `period-YYYY-MM` stream answered with another month's
//    genuine events (under their own stream name): the chain held (it is their own), and the seal
//    took the other month's `PeriodSealed` for this month's: it answered "sealed", wrote no tables
//    and destroyed the month's key (a later seal was refused PERIOD_KEY_LOST: the month's
//    statistics gone for good). Fixed in core, for every store: a reader of one stream works out
//    each event's chain hash with the name it asked for (`checkLink(event, link, stream)`), so
//    another stream's event does not chain.
// 5. was a BREAK — a keyless writer appends one plain `PeriodSealed` (chains need no key) to a
//    month's `period-YYYY-MM` before the operator seals it: the seal answered "sealed" (0 sheets),
//    wrote no tables, destroyed the month's key and signed a checkpoint over the forgery; `verify`
//    with the pinned key found nothing. Fixed: a seal carries a proof (HMAC under the operator's
//    seal-proof key, first the month key: see attack 27) of its fields and of its tables' digest,
//    and only a proven seal is acted on (`requireProvenSeal`). 5b: tables forged under the seal's command ids before
//    the seal (which skips what an earlier run wrote) are caught by the same digest.
//
// Weakenings that showed the held assertions can fail (each restored exactly):
// W1 delete-streams.ts, tombstone(): the `writer.seam.tombstone(...)` call skipped → test 1 failed
//    ("after the scavenge, the node still holds events of deleted streams").
// W2 core envelope/padded-plaintext.ts, sealPadded(): `const size = sizeFor(length)` → `length + 1`
//    (no padding) → test 1 failed (several lengths of tally detail).
// W3 core service/loaded-stream.ts, foldFrom(): the `throw new IntegrityError(finding)` after
//    checkLink removed → test 2 failed: the dropped event surfaced as a plain Error ("hash of
//    revision 2 kept after 0: a gap"), the repeated one had the tally written before a later
//    integrity error, the spliced one surfaced as MalformedEvent (it does not decrypt here).
// W4 core merkle/log-verifier.ts, observe(): chain findings not pushed → test 3 failed (dropped,
//    repeated and moved each left only LOG_STREAM_TRUNCATED / _REWRITTEN, no chain finding).
// W5 core merkle/log-verifier.ts, checkAgainst(): LOG_STREAM_REWRITTEN not pushed → test 3 failed.
// W6 core merkle/log-verifier.ts, checkAgainst(): the `size === undefined` branch `continue`s
//    without checkDeletedStream → test 3 failed (the hidden stream was not reported).
// W7 core envelope/chain-verifier.ts, checkLink(): the hash worked out with `event.stream` again
//    (the asked-for name ignored) → test 4 failed as the break did.
// W8 core service/period-sealer.ts: the `requireProvenSeal` call skipped → tests 5 and 5b failed;
//    W9 seal-proof.ts, isProvenSeal(): the tables' digest not compared → test 5b failed.

const COMBINATION: DoubleCombination = { client: 'eventstore-db-client', appendPath: 'BatchAppend' };
const MARCH = '2025-03';

const { uuid, contact } = numberedCommands('a2600000');
const sheet = ATTACKED_SHEET;

/** A process of the operator's on the store, the catalogue adopted, its clock at `at`. */
async function processAt(store: EventStore, keys: KeyStore, at: string): Promise<CommandService> {
  const made = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: fixedClock(at) });
  const adopted = await made.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return made;
}

function right<T>(result: E.Either<{ code: string }, T>): T {
  if (E.isLeft(result)) throw new Error(`unexpected refusal ${result.left.code}`);
  return result.right;
}

/** The node's whole `$all`, as it keeps it (the live array: a hostile node edits it). */
const allOf = (double: EsdbDouble): DoubleRecord[] => double.log.all() as DoubleRecord[];

const streamsLike = (double: EsdbDouble, prefix: string): string[] => [
  ...new Set(
    allOf(double)
      .map((record) => record.stream)
      .filter((stream) => stream.startsWith(prefix)),
  ),
];

/** February and March tallied by one process, February sealed (its checkpoint signs March open). */
async function februarySealedMarchOpen(store: EventStore, keys: KeyStore): Promise<void> {
  const writer = await processAt(store, keys, '2025-03-20T08:00:00Z');
  for (let n = 1; n <= 3; n += 1) right(await writer.tally(contact(n, '2025-02-10')));
  for (let n = 11; n <= 14; n += 1) right(await writer.tally(contact(n, '2025-03-10')));
  right(await writer.sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: '2025-02' }));
}

/** A seal's outcome as a user sees it: its answer, or what it threw. */
async function sealOutcome(service: CommandService, commandId: string): Promise<unknown> {
  try {
    return await service.sealPeriod({ type: 'SealPeriod', commandId, period: MARCH });
  } catch (error) {
    return { thrown: isIntegrityError(error) ? 'integrity error' : String(error) };
  }
}

/** `pinnstatistik verify` on a store, as the CLI runs it: every stored checkpoint, the key pinned. */
async function verifyOnStore(store: EventStore, publicKey: Uint8Array): Promise<readonly LogFinding[]> {
  const verifier = createLogVerifier({ carried: await storedLogCheckpoints(store), publicKeys: [publicKey] });
  for await (const event of store.readAll()) verifier.observe(event);
  return verifier.finish().findings;
}

async function pinnedKey(store: EventStore): Promise<Uint8Array> {
  const [adopted] = await readLogKeyEvents(store);
  const publicKey = (adopted?.data as { publicKey?: unknown } | undefined)?.publicKey;
  if (typeof publicKey !== 'string') throw new Error('no log key adopted');
  return new Uint8Array(Buffer.from(publicKey, 'base64'));
}

/** The adapter's metadata header (`00 01`) before core's envelope header, as the node stores it. */
const storedMetadata = (header: Uint8Array): Uint8Array => Uint8Array.of(0x00, 0x01, ...header);

describe('attack 26: a hostile EventStoreDB node, and a holder of every byte it keeps (@eventstore/db-client, over the gRPC double)', () => {
  it('a copy of the node’s bytes after the seal holds nothing readable of the month’s detail, and after a scavenge nothing of it but tombstones and links', async () => {
    const { double, store, dispose } = await storeOnDouble(COMBINATION);
    try {
      const keys = createMemoryKeyStore();
      // The operator's own view of the keys, to look for them in the node's bytes afterwards.
      const handedOut = new Map<string, Uint8Array>();
      const remember = (keyId: string, key: Uint8Array | undefined) => {
        if (key !== undefined && !handedOut.has(keyId)) handedOut.set(keyId, Uint8Array.from(key));
        return key;
      };
      const watched: KeyStore = {
        create: async (keyId) => remember(keyId, await keys.create(keyId)) as Uint8Array,
        get: async (keyId) => remember(keyId, await keys.get(keyId)),
        destroy: (keyId) => keys.destroy(keyId),
      };
      const march = await processAt(store, watched, '2025-03-20T08:00:00Z');
      const secrets: string[] = [];
      for (let n = 21; n <= 26; n += 1) {
        right(await march.tally(contact(n, '2025-03-05')));
        secrets.push(uuid(n));
      }
      const opened = right(
        await march.openSeries({
          type: 'OpenSeries',
          commandId: uuid(30),
          interventionId: 'rad-och-stod',
          unitId: 'motesplats',
        }),
      );
      secrets.push(uuid(30), opened.token, opened.token.replaceAll('-', ''));
      for (let n = 31; n <= 33; n += 1) {
        right(
          await march.recordSession({
            type: 'RecordSession',
            token: opened.token,
            commandId: uuid(n),
            date: `2025-03-0${n - 30}`,
            marks: {
              gender: 'male',
              childAges: [14],
              numberOfChildren: 1,
              problemArea: 'school-situation',
              routeIn: 'school',
              furtherAction: 'continued-support',
            },
          }),
        );
        secrets.push(uuid(n));
      }
      const note = 'Nästa gång: schemat och vägen till skolan, sedan sömnen.';
      right(
        await march.writeNote({ type: 'WriteNote', commandId: uuid(34), token: opened.token, text: note }),
      );
      right(
        await march.closeSeries({
          type: 'CloseSeries',
          commandId: uuid(35),
          token: opened.token,
          reason: 'completed',
        }),
      );
      secrets.push(uuid(34), uuid(35), note);
      const april = await processAt(store, watched, '2025-04-20T08:00:00Z');
      const sealed = right(
        await april.sealPeriod({ type: 'SealPeriod', commandId: uuid(36), period: MARCH }),
      );
      expect(sealed.sheets, 'the seal sealed the month’s sheets').toBeGreaterThanOrEqual(2);

      // What the attacker reads in clear: the names the seal and the closing say they deleted.
      const seal = (await readSealedPeriod(store, MARCH)).seal;
      const closed = allOf(double)
        .filter((record) => record.stream === 'series-index' && record.type === 'SeriesClosed')
        .map((record) => (decodeInner(record.data)?.data as { series?: unknown } | undefined)?.series);
      const deleted = new Set([
        ...(seal?.deleted.map((entry) => entry.stream) ?? []),
        ...closed.filter((series): series is string => typeof series === 'string'),
      ]);
      expect([...deleted].some((stream) => stream.startsWith(`tally-${MARCH}-`))).toBe(true);
      expect(deleted.has(`registry-${MARCH}`)).toBe(true);
      expect([...deleted].some((stream) => /^series-[0-9a-f]{32}$/.test(stream))).toBe(true);

      const bytesOf = (record: DoubleRecord): Buffer =>
        Buffer.concat([
          Buffer.from(`${record.stream}\u0000${record.type}\u0000${record.id}\u0000${record.created}\u0000`),
          record.data,
          record.metadata,
        ]);
      const found = (needle: Uint8Array): number =>
        allOf(double).filter((record) => bytesOf(record).includes(Buffer.from(needle))).length;

      // Before the scavenge: every event of a deleted stream is still in `$all`, as ciphertext.
      const residue = allOf(double).filter(
        (record) => deleted.has(record.stream) && record.revision !== TOMBSTONE_REVISION,
      );
      expect(residue.length, 'the node keeps the deleted events until a scavenge').toBeGreaterThan(8);
      expect(residue.filter((record) => record.type !== 'Encrypted').map((record) => record.type)).toEqual(
        [],
      );
      const lengths = (prefix: RegExp) => [
        ...new Set(
          residue.filter((record) => prefix.test(record.stream)).map((record) => record.data.length),
        ),
      ];
      expect(lengths(/^tally-/), 'one length of tally detail').toHaveLength(1);
      expect(lengths(/^registry-/), 'one length of registry entry').toHaveLength(1);
      expect(
        lengths(/^series-[0-9a-f]{32}$/).length,
        'at most three lengths of series event',
      ).toBeLessThanOrEqual(3);
      // No command id, token or note anywhere, in text or (ids) as the 16 bytes of a UUID.
      const encoder = new TextEncoder();
      for (const secret of secrets) {
        expect(found(encoder.encode(secret)), `a secret in the node's bytes: ${secret}`).toBe(0);
        if (/^[0-9a-f-]{36}$/.test(secret))
          expect(found(Buffer.from(secret.replaceAll('-', ''), 'hex')), `${secret} as bytes`).toBe(0);
      }
      // The keys that opened the detail are destroyed, and none of them is in the node's bytes.
      const destroyed = [...handedOut].filter(([keyId]) =>
        /^(period-\d{4}-\d{2}|series-[0-9a-f]{32})$/.test(keyId),
      );
      expect(destroyed.map(([keyId]) => keyId)).toContain(periodKeyId(MARCH));
      for (const [keyId, key] of destroyed) {
        expect(await keys.get(keyId), `${keyId} still in the key store`).toBeUndefined();
        expect(found(key), `${keyId} in the node's bytes`).toBe(0);
      }

      // After the scavenge the operator schedules: tombstones and `$ce-*` links, nothing else.
      double.log.scavenge();
      const left = allOf(double).filter((record) => deleted.has(record.stream));
      expect(
        left
          .filter((record) => record.type !== '$streamDeleted')
          .map((record) => `${record.stream}@${record.revision}`),
        'after the scavenge, the node still holds events of deleted streams',
      ).toEqual([]);
      const links = allOf(double).filter(
        (record) =>
          record.type === '$>' &&
          [...deleted].some((stream) => Buffer.from(record.data).toString().endsWith(`@${stream}`)),
      );
      expect(links.length, 'the by-category links stay (documented)').toBeGreaterThan(0);
      for (const link of links) expect(Buffer.from(link.data).toString()).toMatch(/^\d+@[a-z0-9-]+$/);
      // Each deleted name is closed for good by its tombstone, which stays.
      expect(
        [...deleted].filter(
          (stream) =>
            !left.some((record) => record.revision === TOMBSTONE_REVISION && record.stream === stream),
        ),
        'deleted streams without a tombstone',
      ).toEqual([]);
    } finally {
      await dispose();
    }
  }, 30_000);

  it('a stream read answered with a page that drops or repeats an event, or splices in another stream’s, is refused as an integrity error, and nothing is written', async () => {
    const { double, store, dispose } = await storeOnDouble(COMBINATION);
    try {
      const keys = createMemoryKeyStore();
      const writer = await processAt(store, keys, '2025-03-20T08:00:00Z');
      for (let n = 1; n <= 4; n += 1) right(await writer.tally(contact(n, '2025-02-10')));
      for (let n = 11; n <= 14; n += 1) right(await writer.tally(contact(n, '2025-03-10')));
      const [marchDetail] = streamsLike(double, `tally-${MARCH}-`);
      const [februaryDetail] = streamsLike(double, 'tally-2025-02-');
      if (marchDetail === undefined || februaryDetail === undefined) throw new Error('no detail streams');
      const genuine = double.log.stream(marchDetail) as readonly DoubleRecord[];
      const foreign = double.log.stream(februaryDetail) as readonly DoubleRecord[];
      expect(genuine.length).toBeGreaterThanOrEqual(4);
      const pages: Record<string, DoubleRecord[]> = {
        'an event dropped': genuine.filter((record) => record.revision !== 1n),
        'an event repeated': genuine.flatMap((record) =>
          record.revision === 1n ? [record, record] : [record],
        ),
        'another stream’s event spliced in': genuine.map((record) =>
          record.revision === 2n ? (foreign[2] as DoubleRecord) : record,
        ),
      };
      const honest = double.log.read;
      let n = 40;
      for (const [edit, records] of Object.entries(pages)) {
        double.log.read = (name): DoubleStreamRead =>
          name === marchDetail ? { kind: 'found', records } : honest(name);
        const before = allOf(double).length;
        // A cold process (another server of the municipality's) tallies on March's sheet.
        const cold = createCommandService({
          store,
          keys,
          catalogueId: 'vaggeryd',
          clock: fixedClock('2025-03-21T08:00:00Z'),
        });
        n += 1;
        let outcome: unknown;
        try {
          outcome = await cold.tally(contact(n, '2025-03-11'));
        } catch (error) {
          outcome = isIntegrityError(error) ? 'integrity error' : String(error);
        }
        double.log.read = honest;
        expect(outcome, `a page with ${edit}`).toBe('integrity error');
        expect(allOf(double).length, `a page with ${edit}: nothing written`).toBe(before);
      }
    } finally {
      await dispose();
    }
  }, 30_000);

  it('verify over the node reports a signed event dropped, repeated or moved to another stream in $all, a signed stream rewritten with its chain recomputed, and one hidden behind a forged tombstone', async () => {
    const { double, store, dispose } = await storeOnDouble(COMBINATION);
    try {
      const keys = createMemoryKeyStore();
      await februarySealedMarchOpen(store, keys);
      const publicKey = await pinnedKey(store);
      const [marchDetail] = streamsLike(double, `tally-${MARCH}-`);
      if (marchDetail === undefined) throw new Error('no detail stream');
      /** Verify through a fresh store (another process, a fresh client) on the node as it answers now. */
      const verifyFresh = async (): Promise<string[]> => {
        const client = await clientFor(COMBINATION.client, double.connectionString());
        const fresh = createEventStoreDbStore({ client, disposeClient: true });
        try {
          return (await verifyOnStore(fresh, publicKey)).map(
            (finding) => `${finding.code} ${finding.stream}`,
          );
        } finally {
          await fresh.close();
        }
      };
      expect(await verifyFresh(), 'the honest node').toEqual([]);

      const all = allOf(double);
      const honest = [...all];
      const hostile = async (edit: (records: DoubleRecord[]) => DoubleRecord[]): Promise<string[]> => {
        all.splice(0, all.length, ...edit([...honest]));
        try {
          return await verifyFresh();
        } finally {
          all.splice(0, all.length, ...honest);
        }
      };
      const at = (records: DoubleRecord[], stream: string, revision: bigint): number =>
        records.findIndex((record) => record.stream === stream && record.revision === revision);
      const chainFinding = (findings: string[], stream: string): boolean =>
        findings.some(
          (finding) => /^CHAIN_(REVISION_GAP|HASH_MISMATCH) /.test(finding) && finding.endsWith(` ${stream}`),
        );

      const dropped = await hostile((records) =>
        records.filter((_, index) => index !== at(records, marchDetail, 1n)),
      );
      expect(chainFinding(dropped, marchDetail), `dropped: ${dropped.join(', ')}`).toBe(true);

      const repeated = await hostile((records) => {
        const index = at(records, marchDetail, 1n);
        return [...records.slice(0, index + 1), records[index] as DoubleRecord, ...records.slice(index + 1)];
      });
      expect(chainFinding(repeated, marchDetail), `repeated: ${repeated.join(', ')}`).toBe(true);

      const moved = await hostile((records) =>
        records.map((record, index) =>
          index === at(records, marchDetail, 1n) ? { ...record, stream: `registry-${MARCH}` } : record,
        ),
      );
      expect(chainFinding(moved, marchDetail), `moved: ${moved.join(', ')}`).toBe(true);

      // February's sealed tables edited, every chain hash after recomputed (chains need no key).
      const rewritten = await hostile((records) => {
        let prev = GENESIS_HASH;
        return records.map((record) => {
          if (record.stream !== 'period-2025-02') return record;
          const inner = decodeInner(record.data);
          if (inner === undefined || readHeader(record.metadata.subarray(2))?.codec !== 'plain')
            throw new Error('a sealed period event that does not read');
          // The first count of the sealed tables, one more.
          const data =
            inner.type === 'SheetsSealed'
              ? JSON.parse(
                  JSON.stringify(inner.data).replace(/:(\d+)/, (_, count) => `:${Number(count) + 1}`),
                )
              : inner.data;
          const { event, hash } = sealEvent(record.stream, Number(record.revision), prev, {
            id: record.id,
            type: inner.type,
            data,
            meta: inner.meta,
          });
          prev = hash;
          return { ...record, data: event.data, metadata: storedMetadata(event.metadata) };
        });
      });
      expect(rewritten, 'rewritten').toContain('LOG_STREAM_REWRITTEN period-2025-02');
      expect(
        rewritten.filter((finding) => finding.startsWith('CHAIN_')),
        'the chain alone passes it',
      ).toEqual([]);

      // A `$streamDeleted` record for February's sealed tables: the adapter hides the stream from `$all`.
      const hidden = await hostile((records) => {
        const index = at(records, 'period-2025-02', 0n);
        const first = records[index] as DoubleRecord;
        const tombstone: DoubleRecord = {
          ...first,
          revision: TOMBSTONE_REVISION,
          type: '$streamDeleted',
          id: uuid(77),
          data: new Uint8Array(),
          metadata: new Uint8Array(),
          prepare: first.prepare - 1n,
          commit: first.commit - 1n,
        };
        return [...records.slice(0, index), tombstone, ...records.slice(index)];
      });
      expect(hidden, 'hidden').toContain('LOG_STREAM_MISSING period-2025-02');
    } finally {
      await dispose();
    }
  }, 30_000);

  it('a read of the month’s period stream answered with another month’s genuine events is an integrity error: the seal keeps the month’s key, and seals it once the node answers honestly', async () => {
    const { double, store, dispose } = await storeOnDouble(COMBINATION);
    try {
      const keys = createMemoryKeyStore();
      await februarySealedMarchOpen(store, keys);
      // The node answers the read of `period-2025-03` (not written yet) with February's events,
      // under their own name: genuine, chained, signed by February's checkpoint.
      const honest = double.log.read;
      double.log.read = (name) => honest(name === `period-${MARCH}` ? 'period-2025-02' : name);
      const april = await processAt(store, keys, '2025-04-20T08:00:00Z');
      const outcome = await sealOutcome(april, uuid(501));
      double.log.read = honest;
      // What the operator should see: the seal refused (or failed), March's key still there, and
      // once the node answers honestly, March sealed with its own four contacts.
      expect(
        E.isRight(outcome as E.Either<unknown, unknown>),
        `the seal answered ${JSON.stringify(outcome)}`,
      ).toBe(false);
      expect(await keys.get(periodKeyId(MARCH)), 'March’s key').toBeDefined();
      const again = right(
        await april.sealPeriod({ type: 'SealPeriod', commandId: uuid(502), period: MARCH }),
      );
      expect(again.sealedNow).toBe(true);
      expect((await readSealedPeriod(store, MARCH)).sheets).toHaveLength(1);
    } finally {
      await dispose();
    }
  });

  it('a keyless writer’s forged PeriodSealed is never acted on: the seal is refused as an integrity error and the month’s key and detail are kept', async () => {
    const { store, dispose } = await storeOnDouble(COMBINATION);
    try {
      const keys = createMemoryKeyStore();
      await februarySealedMarchOpen(store, keys);
      // One plain event, chained from genesis: no key, no signature needed.
      const forged = sealEvent(`period-${MARCH}`, 0, GENESIS_HASH, {
        id: uuid(7001),
        type: 'PeriodSealed',
        data: { period: MARCH, keyId: periodKeyId(MARCH), sheets: 0, deleted: [], proof: '0'.repeat(64) },
        meta: { commandId: `seal\u0000${MARCH}` },
      });
      right(await store.append(`period-${MARCH}`, [forged.event], { expected: 'no-stream' }));
      const april = await processAt(store, keys, '2025-04-20T08:00:00Z');
      expect(await sealOutcome(april, uuid(501))).toEqual({ thrown: 'integrity error' });
      expect(await keys.get(periodKeyId(MARCH)), 'March’s key').toBeDefined();
      // Run again (a retry, another process): still refused, still nothing shredded.
      const may = await processAt(store, keys, '2025-05-20T08:00:00Z');
      expect(await sealOutcome(may, uuid(502))).toEqual({ thrown: 'integrity error' });
      expect(await keys.get(periodKeyId(MARCH)), 'March’s key').toBeDefined();
      expect((await readSealedPeriod(store, MARCH)).sheets).toEqual([]);
    } finally {
      await dispose();
    }
  });

  it('tables a keyless writer forged under the seal’s command ids are caught by the seal’s digest: refused, the key kept', async () => {
    const { store, dispose } = await storeOnDouble(COMBINATION);
    try {
      const keys = createMemoryKeyStore();
      await februarySealedMarchOpen(store, keys);
      // The seal skips a tables chunk an earlier run wrote (found by its command id): forge it.
      const forgedSheet = {
        ...sheet,
        catalogueVersions: [],
        tables: { contacts: 400 },
      };
      const forged = sealEvent(`period-${MARCH}`, 0, GENESIS_HASH, {
        id: uuid(7002),
        type: 'SheetsSealed',
        data: { period: MARCH, sheets: [forgedSheet] },
        meta: { commandId: `seal\u0000${MARCH}\u0000tables\u00000` },
      });
      right(await store.append(`period-${MARCH}`, [forged.event], { expected: 'no-stream' }));
      const april = await processAt(store, keys, '2025-04-20T08:00:00Z');
      expect(await sealOutcome(april, uuid(501))).toEqual({ thrown: 'integrity error' });
      expect(await keys.get(periodKeyId(MARCH)), 'March’s key').toBeDefined();
    } finally {
      await dispose();
    }
  });
});
