import {
  type CommandService,
  createAesGcmCipher,
  createCommandService,
  createPayloadSealer,
  type EventStore,
  GENESIS_HASH,
  isIntegrityError,
  type KeyStore,
  type RecordedEvent,
  readHeader,
  readSealedPeriod,
  StoreUnavailable,
  sealEvent,
  type TallyCommandInput,
  type TallyReceipt,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRevisionTable } from '../../core/src/service/revision-table.js';
import { createSheetReceipts } from '../../core/src/service/sheet-receipts.js';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { eventsOf, rechained } from './forged-events.js';
import { clock, contact, right, serviceOn, uuid, victimService, voiding } from './sheet-fixture.js';

// Attack 21: the bounded receipts of a tally sheet (sheet-receipts.ts, revision-table.ts,
// kept-sheet.ts, tally-to-void.ts). The service keeps the newest 16 receipts whole and, for
// every older command or tally, only a 64-bit fingerprint of its id beside a revision; a hit is
// a *candidate* that must be read back, verified and compared by its full id. The fingerprint is
// seeded per process, so a real attacker cannot choose colliding ids in advance — these tests
// play the strongest attacker instead: the fingerprint module is replaced so that every id of
// the fixtures (`uuid(n)`) shares its fingerprint with every eighth other one. Every index hit
// is then a crowd of strangers, and only the full-id comparisons stand between a retry or a
// void and another command's receipt or tally. (The service has no seam for a fingerprinter,
// so this file reaches into core's sources — the module to replace, and the receipts and table
// for the multi-event case — which no package's code may do; a test playing the attacker may.)

const FIXTURE_ID = /^00000000-0000-4000-8000-(\d{12})$/;
const BUCKETS = 8;
vi.mock('../../core/src/service/fingerprint.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/src/service/fingerprint.js')>();
  return {
    fingerprint(text: string, into: Uint32Array): void {
      const n = FIXTURE_ID.exec(text)?.[1];
      real.fingerprint(n === undefined ? text : `colliding-${Number(n) % BUCKETS}`, into);
    },
  };
});

type Inner = ReturnType<typeof createMemoryEventStore>;

/** Another process on the same stores that keeps one sheet cached: evicted before every command here. */
const evictingService = (store: EventStore, keys: KeyStore): CommandService =>
  createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, cachedSheets: 1 });

const codeOf = (result: E.Either<{ code: string }, unknown>): string =>
  E.isLeft(result) ? result.left.code : 'written';

/** A whole forged stream: `events` (genuine payloads, in the order given) chained from genesis. */
function rechainAll(events: readonly RecordedEvent[]): RecordedEvent[] {
  let prev = GENESIS_HASH;
  return events.map((event, revision) => {
    const moved = rechained(event, revision, prev);
    prev = readHeader(moved.metadata)?.hash as Uint8Array;
    return moved;
  });
}

/** A store whose reads of one stream answer from a forged copy, once armed. */
function forgingStore(inner: Inner) {
  let forged: { stream: string; events: readonly RecordedEvent[] } | undefined;
  const store: EventStore = {
    ...inner,
    readStream(stream, options) {
      const copy = forged;
      if (copy === undefined || stream !== copy.stream) return inner.readStream(stream, options);
      return (async function* () {
        const from = options?.fromRevision ?? 0;
        const until = options?.limit === undefined ? copy.events.length : from + options.limit;
        for (const event of copy.events.slice(from, until)) yield event;
      })();
    },
  };
  return {
    store,
    arm: (stream: string, events: readonly RecordedEvent[]) => (forged = { stream, events }),
    disarm: () => (forged = undefined),
  };
}

/** `count` contacts numbered from `from`, recorded by `service`. */
async function tallies(service: CommandService, from: number, count: number): Promise<TallyReceipt[]> {
  const receipts: TallyReceipt[] = [];
  for (let n = from; n < from + count; n += 1) receipts.push(right(await service.tally(contact(n))));
  return receipts;
}

/** Contact `n` on the sheet's April (another month's stream: it takes the one cached place). */
const inApril = (n: number): TallyCommandInput =>
  ({ ...contact(n), date: '2025-04-02' }) as TallyCommandInput;

/** Contact `n` under an id outside the colliding fixtures (its fingerprint shared with none). */
const unshared = (n: number) => ({
  ...contact(n),
  commandId: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

const flipped = (n: number) => contact(n, n % 2 === 0 ? 'male' : 'female');

describe('attack 21: bounded receipts and voids under forced fingerprint collisions', () => {
  beforeAll(() => {
    // The collisions are in force (in the modules the service uses): else every attack is void.
    const table = createRevisionTable();
    table.add(uuid(1), 0);
    table.add(uuid(2), 1);
    if (table.candidates(uuid(1 + BUCKETS), 2).join() !== '0' || table.candidates(uuid(3), 2).length > 0)
      throw new Error('the colliding fingerprint is not in force');
  });

  describe('one sheet of 2,000 colliding commands', () => {
    const BIG = 2_000;
    let inner: Inner;
    let keys: ReturnType<typeof createMemoryKeyStore>;
    let writer: CommandService;
    let receipts: TallyReceipt[];
    let stream: string;
    // Old (read back: each shares its fingerprint with ~250 others, most of them older), the
    // oldest of each bucket, and the newest (kept whole).
    const samples = [1, 2, 9, 10, 17, 640, 1001, 1977, 1984, 1985, 1999, 2000];

    beforeAll(async () => {
      inner = createMemoryEventStore();
      keys = createMemoryKeyStore();
      writer = await serviceOn(inner, keys);
      receipts = await tallies(writer, 1, BIG);
      stream = (receipts[0] as TallyReceipt).stream;
    });

    const expectRetriesAnswered = async (service: CommandService, between?: (n: number) => Promise<void>) => {
      const length = (await eventsOf(inner, stream)).length;
      for (const n of samples) {
        // Each command of the sheet was written as new, one event each, in order.
        expect(receipts[n - 1]).toMatchObject({
          commandId: uuid(n),
          revision: (receipts[0]?.revision ?? 0) + n - 1,
        });
        await between?.(n);
        expect(await service.tally(contact(n)), `retry of ${n}`).toEqual(E.right(receipts[n - 1]));
        await between?.(-n);
        expect(codeOf(await service.tally(flipped(n))), `other content under ${n}`).toBe('COMMAND_ID_REUSED');
      }
      expect((await eventsOf(inner, stream)).length).toBe(length);
    };

    // Attack: retry old commands (far beyond the 16 kept whole), each of whose ids shares its
    // fingerprint with ~250 other stored commands, on the process that wrote them; and send the
    // same ids with other content. A break: a retry answered with a colliding command's receipt
    // (another revision or event id), a retry decided and written again, or other content
    // answered with a receipt instead of COMMAND_ID_REUSED.
    it('answers each retry on the writing process with exactly its own first receipt, and refuses other content', async () => {
      await expectRetriesAnswered(writer);
    });

    // Attack: the same on a cold process (nothing kept but what a full catch-up records) and on a
    // process that keeps one sheet, evicted by an April tally before every retry — so each retry
    // rebuilds the index from the store. A break: as above.
    it('answers the same on a cold process, and on one whose sheet is evicted before every retry', async () => {
      await expectRetriesAnswered(
        createCommandService({ store: inner, keys, catalogueId: 'vaggeryd', clock }),
      );
      const evicting = evictingService(inner, keys);
      let april = 0;
      await expectRetriesAnswered(evicting, async () => {
        april += 1;
        right(await evicting.tally(inApril(900_000 + april)));
      });
    });

    // Attack: commands never written whose ids collide with ~250 stored ones each, one sent to the
    // writing process and one to a cold process, then each retried on the other. A break: one is
    // answered with a colliding command's receipt and not written (its tally lost), or written
    // twice when retried.
    it('takes a new command whose id collides with hundreds of stored ones as new: written once', async () => {
      const length = (await eventsOf(inner, stream)).length;
      const fresh = right(await writer.tally(contact(BIG + 1)));
      expect(fresh).toMatchObject({ commandId: uuid(BIG + 1), revision: length });
      const cold = createCommandService({ store: inner, keys, catalogueId: 'vaggeryd', clock });
      const late = right(await cold.tally(contact(BIG + 2)));
      expect(late).toMatchObject({ commandId: uuid(BIG + 2), revision: length + 1 });
      expect(await writer.tally(contact(BIG + 2))).toEqual(E.right(late));
      expect(await cold.tally(contact(BIG + 1))).toEqual(E.right(fresh));
      expect((await eventsOf(inner, stream)).length).toBe(length + 2);
    });
  });

  // Attack: voids on a sheet of 64 colliding tallies — void tally 9 (eight tallies share its
  // fingerprint, most of them newer), void it again, retry the first void, void tally 17 (same
  // fingerprint) and an id of the same fingerprint that names no tally, on the hot process, a
  // cold one and an evicting one; then seal and count. A break: a void that voids a colliding
  // tally instead of its own (or is refused as not found), a second void accepted, a colliding
  // tally taken as already voided, an unknown id voided — seen in the sealed counts too.
  it('voids exactly the tally named, once; refuses a second void and an unknown colliding id', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const service = await serviceOn(inner, keys);
    await tallies(service, 1, 64);
    const first = await service.tally(voiding(1_009, uuid(9)));
    expect(codeOf(first)).toBe('written');
    expect(codeOf(await service.tally(voiding(1_010, uuid(9))))).toBe('TALLY_ALREADY_VOIDED');
    expect(await service.tally(voiding(1_009, uuid(9)))).toEqual(first);
    expect(codeOf(await service.tally(voiding(1_017, uuid(17))))).toBe('written');
    expect(codeOf(await service.tally(voiding(1_073, uuid(73))))).toBe('TALLY_NOT_FOUND');
    // A void's own command id is no tally, though it collides with tallies (1009 ≡ 1 mod 8).
    expect(codeOf(await service.tally(voiding(1_074, uuid(1_009))))).toBe('TALLY_NOT_FOUND');

    const cold = createCommandService({ store: inner, keys, catalogueId: 'vaggeryd', clock });
    expect(codeOf(await cold.tally(voiding(1_011, uuid(9))))).toBe('TALLY_ALREADY_VOIDED');
    expect(codeOf(await cold.tally(voiding(1_012, uuid(17))))).toBe('TALLY_ALREADY_VOIDED');
    expect(await cold.tally(voiding(1_009, uuid(9)))).toEqual(first);
    const evicting = evictingService(inner, keys);
    right(await evicting.tally(inApril(900_001)));
    expect(codeOf(await evicting.tally(voiding(1_025, uuid(25))))).toBe('written');
    right(await evicting.tally(inApril(900_002)));
    expect(codeOf(await evicting.tally(voiding(1_026, uuid(25))))).toBe('TALLY_ALREADY_VOIDED');
    expect(codeOf(await evicting.tally(voiding(1_033, uuid(33 + 64))))).toBe('TALLY_NOT_FOUND');

    right(await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(1_100), period: '2025-03' }));
    const [sheet] = (await readSealedPeriod(inner, '2025-03')).sheets;
    // Tallies 9, 17 and 25 (all odd: male) voided, and nothing else.
    expect(sheet?.tables).toMatchObject({
      contacts: 61,
      voided: 3,
      marginals: { gender: { male: 29, female: 32 } },
    });
  });

  // Attack: two processes on one store writing the same sheet, with commands raced between
  // them: the same new command sent to both (twice each) at once, old colliding commands
  // retried on both at once (each read back from the store), and one new id sent at once with
  // different content to each. A break: two writes of one command, receipts that differ between
  // the processes or from the first, or both contents of the raced id answered with receipts.
  it('two processes racing retries of one sheet: one write per command, the same first receipt everywhere', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const p = await serviceOn(inner, keys);
    const q = createCommandService({ store: inner, keys, catalogueId: 'vaggeryd', clock });
    const mine = await tallies(p, 1, 40);
    const theirs = await tallies(q, 41, 40);
    const stream = (mine[0] as TallyReceipt).stream;
    const length = (await eventsOf(inner, stream)).length;

    const raced = await Promise.all([p, q, p, q].map((service) => service.tally(contact(81))));
    expect(new Set(raced.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(codeOf(raced[0] as E.Either<{ code: string }, unknown>)).toBe('written');
    expect((await eventsOf(inner, stream)).length).toBe(length + 1);

    const old = [1, 9, 17, 41, 49, 57];
    const retried = await Promise.all(
      old.flatMap((n) => [p.tally(contact(n)), q.tally(contact(n)), q.tally(flipped(n))]),
    );
    old.forEach((n, index) => {
      const receipt = n <= 40 ? mine[n - 1] : theirs[n - 41];
      expect(retried[3 * index], `retry of ${n} on p`).toEqual(E.right(receipt));
      expect(retried[3 * index + 1], `retry of ${n} on q`).toEqual(E.right(receipt));
      expect(codeOf(retried[3 * index + 2] as E.Either<{ code: string }, unknown>)).toBe('COMMAND_ID_REUSED');
    });

    const split = await Promise.all([p.tally(contact(82, 'male')), q.tally(contact(82, 'female'))]);
    expect(split.map(codeOf).sort()).toEqual(['COMMAND_ID_REUSED', 'written']);
    const winner = split.find(E.isRight) as E.Right<TallyReceipt>;
    const won = split[0] === winner ? contact(82, 'male') : contact(82, 'female');
    const lost = split[0] === winner ? contact(82, 'female') : contact(82, 'male');
    expect(await q.tally(won)).toEqual(winner);
    expect(await p.tally(won)).toEqual(winner);
    expect(codeOf(await p.tally(lost))).toBe('COMMAND_ID_REUSED');
    expect((await eventsOf(inner, stream)).length).toBe(length + 2);
  });

  // Attack: a stored command of several events (no command of today's service writes more than
  // one on a sheet, but the index is built for one that does: another version, another process),
  // many of them, every id on one fingerprint, more than 16 commands so most are read back; then
  // the store rewrites one command's second event (another command's payload, re-chained so every
  // link verifies). A break: a receipt missing events or holding another command's, an unknown id
  // answered, or a receipt read through the rewritten event instead of an integrity error.
  it('reads back multi-event commands whole under one shared fingerprint, and refuses a rewritten one', async () => {
    const STREAM = 'tally-2025-03-attack21';
    const inner = createMemoryEventStore();
    const { store, arm } = forgingStore(inner);
    const everyone = createRevisionTable(16, (_key, into) => {
      into[0] = 21;
      into[1] = 21;
    });
    // Sealed as the service seals a sheet's events (a clear one in a tally stream is refused).
    const sealer = createPayloadSealer(createAesGcmCipher(), new Uint8Array(32).fill(21));
    const privacy = { sealer, paddedSize: () => 1024 };
    const receipts = createSheetReceipts(store, STREAM, () => sealer, everyone);
    const sizes = [3, 1, 2, 1, 4, 1, 1, 2, ...Array.from({ length: 24 }, (_, n) => 1 + (n % 3))];
    const expected: { commandId: string; eventIds: string[]; revision: number; digest: string }[] = [];
    let prev = GENESIS_HASH;
    let revision = 0;
    for (const [index, size] of sizes.entries()) {
      const commandId = `command-${index}`;
      const eventIds: string[] = [];
      for (let event = 0; event < size; event += 1) {
        const id = `event-${index}-${event}`;
        const sealed = sealEvent(
          STREAM,
          revision,
          prev,
          {
            id,
            type: 'ContactTallied',
            data: { tallyId: commandId, event },
            meta: { commandId, digest: `digest-${index}` },
          },
          privacy,
        );
        const appended = await inner.append(STREAM, [sealed.event], {
          expected: revision === 0 ? 'no-stream' : revision - 1,
        });
        if (E.isLeft(appended)) throw new Error(appended.left.code);
        receipts.record(commandId, `digest-${index}`, id, revision, sealed.hash);
        eventIds.push(id);
        prev = sealed.hash;
        revision += 1;
      }
      expected.push({ commandId, eventIds, revision: revision - 1, digest: `digest-${index}` });
    }
    for (const [index, receipt] of expected.entries())
      expect(await receipts.find(`command-${index}`)).toEqual({ ...receipt, stream: STREAM });
    expect(await receipts.find('command-never')).toBeUndefined();

    // Command 4 (four events, at 7..10): its second event replaced by command 5's, re-chained.
    const stored = await eventsOf(inner, STREAM);
    const forged = [...stored];
    forged[8] = stored[11] as RecordedEvent;
    arm(STREAM, rechainAll(forged));
    const failure = await Promise.resolve(receipts.find('command-4')).catch((error: unknown) => error);
    expect(isIntegrityError(failure)).toBe(true);
  });

  // Attack: after the service verified a sheet of colliding tallies, the store re-orders it:
  // tallies 9 and 17 (one fingerprint, both old) swap places whole (id and sealed payload), every
  // later hash recomputed so the chain verifies end to end (chain hashes are keyless). Then the
  // victim retries 17 — its oldest candidates now hold 17's payload at 9's place — and voids 17.
  // A break: a receipt (with 9's revision), a void decided from the swapped event, or any write,
  // instead of an integrity error.
  it('reports a re-chained swap of two colliding tallies it verified, never a receipt read through it', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, arm } = forgingStore(inner);
    await serviceOn(inner, keys);
    const victim = victimService(store, keys);
    const receipts = await tallies(victim, 1, 64);
    const { stream } = receipts[0] as TallyReceipt;
    const stored = await eventsOf(inner, stream);
    const [at9, at17] = [receipts[8]?.revision as number, receipts[16]?.revision as number];
    const forged = [...stored];
    forged[at9] = stored[at17] as RecordedEvent;
    forged[at17] = stored[at9] as RecordedEvent;
    arm(stream, rechainAll(forged));
    const size = inner.size;
    const retry = await victim.tally(contact(17)).catch((error: unknown) => error);
    expect(isIntegrityError(retry), JSON.stringify(retry)).toBe(true);
    const voided = await victim.tally(voiding(1_017, uuid(17))).catch((error: unknown) => error);
    expect(isIntegrityError(voided), JSON.stringify(voided)).toBe(true);
    expect(inner.size).toBe(size);
  });

  // Attack: the store's own bytes altered under a running service: one byte of tally 9's sealed
  // payload (an old tally, its fingerprint shared) flipped in store-memory's buffers; another
  // stored event's id swapped for tally 17's (a wrapper, re-chained). Then retries and voids of
  // them. A break: a retry decided again (the read-back "not found"), a void refused as not
  // found, or a write, instead of an integrity error.
  it('reports altered bytes and a swapped id of colliding tallies, on retries and voids alike', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const { store, arm, disarm } = forgingStore(inner);
    await serviceOn(inner, keys);
    const victim = victimService(store, keys);
    const receipts = await tallies(victim, 1, 64);
    const { stream } = receipts[0] as TallyReceipt;
    const stored = await eventsOf(inner, stream);
    const size = inner.size;

    // Tally 25's event carries tally 17's id (its sealed payload kept), the chain recomputed.
    const at25 = receipts[24]?.revision as number;
    const forged = [...stored];
    forged[at25] = {
      ...(stored[at25] as RecordedEvent),
      id: stored[receipts[16]?.revision as number]?.id as string,
    };
    arm(stream, rechainAll(forged));
    for (const attempt of [contact(25), voiding(1_025, uuid(25)), contact(33)]) {
      const failure = await victim.tally(attempt).catch((error: unknown) => error);
      expect(isIntegrityError(failure), JSON.stringify(failure)).toBe(true);
    }
    disarm();
    // The store honest again: what it holds is still answered.
    expect(await victim.tally(contact(25))).toEqual(E.right(receipts[24]));

    // Tally 9's payload: a byte flipped where the store keeps it.
    const payload = stored[receipts[8]?.revision as number]?.data as Uint8Array;
    const needle = Buffer.from(payload.subarray(8, 40));
    const chunk = inner
      .storedBytes()
      .find((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(needle));
    if (chunk === undefined) throw new Error('payload not found in the stored bytes');
    const offset = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).indexOf(needle);
    chunk[offset] = (chunk[offset] as number) ^ 0x01;
    for (const attempt of [contact(9), voiding(1_009, uuid(9)), contact(17)]) {
      const failure = await victim.tally(attempt).catch((error: unknown) => error);
      expect(isIntegrityError(failure), JSON.stringify(failure)).toBe(true);
    }
    expect(inner.size).toBe(size);
  });

  // Attack: after the service verified a sheet, the store distorts only its short reads (the
  // read-backs of retries and voids; catch-ups read to the end and stay honest): it answers from
  // the stream's start whatever revision was asked, or each event twice, or backwards — genuine,
  // verified events all, at their own revisions. Then the victim retries tally 9 (its oldest
  // candidate is tally 1, at the start) and voids tally 1 a second time. A break: a retry
  // decided again (refused as a conflict), or a second TallyVoided of tally 1 written, where only
  // the right answer or an integrity error will do.
  it('reports a store answering read-backs from elsewhere, twice over or backwards; never voids twice', async () => {
    for (const distortion of ['from the start', 'each twice', 'backwards'] as const) {
      const inner = createMemoryEventStore();
      const keys = createMemoryKeyStore();
      let distorted: string | undefined;
      const store: EventStore = {
        ...inner,
        readStream(stream, options) {
          if (stream !== distorted || options?.limit === undefined) return inner.readStream(stream, options);
          const { fromRevision = 0, limit } = options;
          return (async function* () {
            const events = await eventsOf(inner, stream);
            const asked = events.slice(fromRevision, fromRevision + limit);
            if (distortion === 'from the start') yield* events;
            else if (distortion === 'each twice') for (const event of asked) yield* [event, event];
            else yield* asked.reverse();
          })();
        },
      };
      await serviceOn(inner, keys);
      const victim = victimService(store, keys);
      const receipts = await tallies(victim, 1, 64);
      expect(codeOf(await victim.tally(voiding(1_001, uuid(1))))).toBe('written');
      distorted = (receipts[0] as TallyReceipt).stream;
      const size = inner.size;
      const retry = await victim.tally(contact(9)).catch((error: unknown) => error);
      if (!isIntegrityError(retry)) expect(retry, `${distortion}: retry of 9`).toEqual(E.right(receipts[8]));
      const again = await victim.tally(voiding(1_002, uuid(1))).catch((error: unknown) => error);
      if (!isIntegrityError(again))
        expect(codeOf(again as E.Either<{ code: string }, unknown>), `${distortion}: second void`).toBe(
          'TALLY_ALREADY_VOIDED',
        );
      expect(inner.size, distortion).toBe(size);
    }
  });

  // The break this attack found (fixed): a catch-up interrupted part-way left events in the
  // sheet's receipt book (which the cache owns and extends in place, loaded-stream.ts foldFrom)
  // while the cached state stayed behind; the next catch-up read those revisions again and
  // sheet-receipts.ts record() skipped them as known. So one forged read — a genuine old tally's
  // sealed payload served at the next revision, its keyless chain header recomputed, then the
  // connection "lost" (StoreUnavailable, retried silently) — poisoned the book for good: with the
  // store honest again, the retry of the tally really stored there (written by another process,
  // same content) was answered CONCURRENCY_CONFLICT "nothing was stored" forever instead of its
  // receipt, and the retry of the replayed tally with the forged revision; no integrity error.
  // Now a catch-up writes what it found into the book only once its read has ended well. No
  // fingerprint collision is needed: these ids share their fingerprints with none.
  it('one forged read, interrupted, leaves nothing in the kept receipts: honest retries are answered rightly after', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    let once: { stream: string; at: number; event: RecordedEvent } | undefined;
    const store: EventStore = {
      ...inner,
      readStream(stream, options) {
        const plan = once;
        if (plan === undefined || stream !== plan.stream || options?.fromRevision !== plan.at)
          return inner.readStream(stream, options);
        once = undefined;
        return (async function* () {
          yield plan.event;
          throw new StoreUnavailable('connection lost', 'not-written');
        })();
      },
    };
    const other = await serviceOn(inner, keys);
    const victim = victimService(store, keys);
    const mine: TallyReceipt[] = [];
    for (let n = 1; n <= 40; n += 1) mine.push(right(await victim.tally(unshared(n))));
    const last = mine[39] as TallyReceipt;
    const theirs = right(await other.tally(unshared(41)));
    for (let n = 42; n <= 44; n += 1) right(await other.tally(unshared(n)));
    const stored = await eventsOf(inner, last.stream);
    const prev = readHeader((stored[last.revision] as RecordedEvent).metadata)?.hash as Uint8Array;
    const replayed = stored[mine[4]?.revision as number] as RecordedEvent;
    once = {
      stream: last.stream,
      at: last.revision + 1,
      event: rechained(replayed, last.revision + 1, prev),
    };
    const size = inner.size;
    const retried = await victim.tally(unshared(41)).catch((error: unknown) => error);
    const again = await victim.tally(unshared(41)).catch((error: unknown) => error);
    const fifth = await victim.tally(unshared(5)).catch((error: unknown) => error);
    expect(inner.size).toBe(size);
    expect({ retried, again, fifth }).toEqual({
      retried: E.right(theirs),
      again: E.right(theirs),
      fifth: E.right(mine[4]),
    });
  });
});
