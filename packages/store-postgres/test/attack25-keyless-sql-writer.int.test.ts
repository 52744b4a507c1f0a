import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli, trustFileText } from '@pinnstatistik/cli';
import {
  type Clock,
  type CommandService,
  createCommandService,
  currentSigningKey,
  fixedClock,
  GENESIS_HASH,
  isIntegrityError,
  type LogCheckpoint,
  publicKeyPem,
  type RecordedEvent,
  readHeader,
  readSealedPeriod,
  vaggerydCatalogue,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import {
  hotSheetContact as contact,
  HOT_SHEET as hotSheet,
  rechained,
  SESSION_MARKS,
  numberedId as uuid,
  hotSheetVoid as voiding,
} from '@pinnstatistik/core/testing';
import { auditLog, replay, statisticsProjection } from '@pinnstatistik/projections';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPostgresEventStore,
  createPostgresKeyStore,
  type PostgresEventStore,
  type PostgresKeyStore,
} from '../src/index.js';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';

// Attack 25: a keyless writer with SQL access to the events database (a DBA, an intruder) — no
// key store, no signing key. It cannot forge a sealed payload, but it can drop the unique
// constraints, duplicate a genuine sealed event (same stream, same event id, same payload: the
// AEAD's associated data binds stream and event id, not the revision), delete genuine events,
// reorder them and move them to other revisions, and recompute every chain hash after (chains
// are keyless). Played on the month's one detail stream, March 2025, open: four tallies, the
// second voided (3 contacts), while (i) the month is open and after the latest signed
// checkpoint, (ii) before it (an on-demand `writeLogCheckpoint` signed the events attacked).
// Each is then met by: the live process that wrote them (its sheet cached), a cold process, the
// statistics projection (replay), the compliance audit (auditLog), `pinnstatistik verify` with
// the operator's pinned public key (and, for (ii), with the checkpoint an auditor saved), the
// seal (`sealPeriod` by the operator's scheduled, cold, process), and all of them again after it.
//
// What the docs say decides the verdict: a chain "only proves the file is consistent with
// itself … an edit with every later hash recomputed all still chain" (docs/auditing.md, "What
// each layer proves"); "Events after the latest checkpoint you hold are vouched for by their
// chains alone" (docs/auditing.md, "What the checks cannot see"); a store's verify holds the log
// to "the store's latest" checkpoint and the auditor's own (`--trust`); and "an auditor holding
// an earlier checkpoint can prove the deleted stream only grew until it was sealed"
// (docs/auditing.md, "Deleted streams"). A live process: "an event altered, removed or hidden in
// the store after the service read it is reported (IntegrityError)" (docs/embedding.md), its
// kept state "caught up from its own last event, which must still be there" (docs/storage.md).
//
// Verdicts (one BREAK, the last `it`; see the comment at each `it`):
// - duplicate a tally (i)/(ii), duplicate a session's tally: BROKE the seal (it counted the copy
//   without any error) — fixed: the seal, which reads the whole month, refuses an event id met
//   twice in a stream (a store keeps one event per id); the month stays unsealed and the audit and
//   verify report it past its grace. The weakened seal (no id check in sheet-closer.ts) fails the
//   three duplicate tests and the series test ("expected 'written' to be 'integrity error'").
// - delete a tally, delete a void, reorder a tally and its void: the cold process, the seal, the
//   projection and the audit all take the re-chained stream as genuine. The live
//   process refuses with IntegrityError whenever the edit touches an event it read (held); a
//   duplicate appended past its last event it folds as new (documented limit: never read).
//   verify holds the open month to a checkpoint that signed the edited events
//   (LOG_STREAM_REWRITTEN, held), and after the seal holds the seal's proofs to the checkpoint an
//   auditor saved (LOG_DELETED_STREAM_REWRITTEN, held); with only the pinned key, after the seal,
//   it was CLEAN (the store's latest checkpoint, the seal's, no longer lists the deleted stream,
//   and the earlier signed one, still in `checkpoint-log-tree`, was not held to) — now a store's
//   verify holds the log to every checkpoint it holds: LOG_DELETED_STREAM_REWRITTEN (an export
//   carries only its latest: there the saved checkpoint is what catches it).
// - a duplicated session that takes its series over the limit: SERIES_LIMIT_EXCEEDED, by the
//   audit (open and sealed) and by verify once sealed (held).
// - BROKE, fixed: the month's registration deleted from its registry — the seal sealed March with
//   no sheet and left its detail stream behind; no reader reported anything. Now the seal refuses.
//
// Cheaper defences the product could add (each reported, none is claimed by the docs):
// - an event id twice in one stream never comes from a genuine writer (the store de-duplicates by
//   event id, events_stream_event_id is unique): the seal's `closeSheet`
//   (packages/core/src/service/sheet-closer.ts), the kept sheet's fold and the audit's chain
//   verifier could report it as an integrity error — and a tally id twice, or a void of a tally
//   the sheet does not hold (a deleted tally), in `foldSheet`'s input at the seal.
// - the seal already reads every signed checkpoint that lists the stream it is about to delete
//   (`accountForDeletion`, packages/core/src/merkle/account-for-deletion.ts) and computes the
//   proofs from them: it could check each proof against the signed root before deleting, and
//   refuse to seal (IntegrityError) a month rewritten since a checkpoint — the last moment the
//   operator's own process can still see it; and `verify` on a store could hold the log to every
//   checkpoint in `checkpoint-log-tree`, not only the latest.
//
// Weakenings that showed the held assertions can fail (each restored exactly):
// W1 packages/core/src/service/loaded-stream.ts, catchUp: `foldFrom(store, loaded, sealerFor,
//    evolve, true)` → `false` (no confirmation of the kept last event): 6 tests failed — the
//    live process answered CONCURRENCY_CONFLICT (the deletions, (i) and (ii)) or 'written' (the
//    reorders: appended onto the rewritten stream) instead of 'integrity error'.
// W2 packages/core/src/merkle/log-verifier.ts, checkAgainst: the LOG_STREAM_REWRITTEN finding
//    never pushed: the four signed-range (ii) tests failed on the open month's verify (exit 0).
// W3 packages/core/src/merkle/check-deleted-stream.ts: `if (!holds)` → `if (false && !holds)`:
//    the four signed-range (ii) tests failed on verify --trust after the seal (exit 0).
// W4 packages/projections/src/audit/recording-rules.ts: the SERIES_LIMIT_EXCEEDED branch
//    condition → `false`: the series test failed (no finding in the audit).

const PERIOD = '2025-03';
const writing = fixedClock('2025-03-31T12:00:00Z');
const sealing = fixedClock('2025-04-20T12:00:00Z');
/** An audit day before March's grace ends, so an open March is not past it. */
const OPEN_TODAY = '2025-04-10';
const SCHEMA = 'pinnstatistik';

const dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack25-'));
const databases: FreshDatabase[] = [];
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.close()));
  await Promise.all(databases.map((database) => database.drop()));
  rmSync(dir, { recursive: true, force: true });
});

/** What an answer came to: written, a refusal's code, an integrity error, or another error. */
async function outcome(running: Promise<E.Either<{ code: string }, unknown>>): Promise<string> {
  try {
    const result = await running;
    return E.isLeft(result) ? result.left.code : 'written';
  } catch (error) {
    return isIntegrityError(error) ? 'integrity error' : `error: ${(error as Error).message}`;
  }
}

async function right<T>(running: Promise<E.Either<{ code: string }, T>>): Promise<T> {
  const result = await running;
  if (E.isLeft(result)) throw new Error(result.left.code);
  return result.right;
}

/** A database of its own (the CLI reads the default schema), its stores, and its operator's public key file. */
interface World {
  readonly url: string;
  readonly store: PostgresEventStore;
  readonly keys: PostgresKeyStore;
  readonly pem: string;
  process(clock: Clock): CommandService;
  checkpoint(): Promise<LogCheckpoint>;
  /** The month's detail stream. */
  detail(): Promise<string>;
  /** The detail stream's last revision (what a DBA watching the table sees grow). */
  head(): Promise<number>;
}

async function world(name: string): Promise<World> {
  const database = await freshDatabase();
  databases.push(database);
  const store = await createPostgresEventStore({ connection: database.url, listen: false });
  const keys = await createPostgresKeyStore({ connection: database.url });
  opened.push(store, keys);
  const process = (clock: Clock) =>
    createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, maxConflictRetries: 2 });
  await right(
    process(writing).adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(900_000),
      catalogue: vaggerydCatalogue(),
    }),
  );
  const signing = await currentSigningKey({ store, keys, clock: writing });
  const pem = join(dir, `${name}.pem`);
  writeFileSync(pem, publicKeyPem(signing.publicKey));
  const detail = async () => {
    const { rows } = await sql(database.url, (client) =>
      client.query<{ name: string }>(
        `select name from ${SCHEMA}.streams where name like 'tally-${PERIOD}-%'`,
      ),
    );
    return (rows[0] as { name: string }).name;
  };
  return {
    url: database.url,
    store,
    keys,
    pem,
    process,
    checkpoint: () => writeLogCheckpoint({ store, keys, clock: writing }),
    detail,
    async head() {
      const { rows } = await sql(database.url, async (client) =>
        client.query<{ revision: string }>(`select revision from ${SCHEMA}.streams where name = $1`, [
          await detail(),
        ]),
      );
      return Number((rows[0] as { revision: string }).revision);
    },
  };
}

async function sql<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

interface Row {
  readonly position: string;
  readonly xid: string;
  readonly event: RecordedEvent;
}

/**
 * The keyless SQL writer: reads a private stream's rows, lets `edit` rearrange them (rows may be
 * left out or given twice), re-chains every hash from genesis (no key needed), and writes the
 * result back in one transaction — unique constraints dropped, the append-only trigger's
 * shredding switch set, the rows' global positions kept in order, the stream's head updated.
 */
async function rewrite(url: string, stream: string, edit: (rows: Row[]) => Row[]): Promise<void> {
  await sql(url, async (client) => {
    const { rows } = await client.query<{
      position: string;
      xid: string;
      stream_id: string;
      revision: string;
      event_id: string;
      type: string;
      data: Buffer;
      metadata: Buffer;
    }>(
      `select e.position::text, e.transaction_id::text as xid, e.stream_id::text, e.revision::text,
              e.event_id, e.type, e.data, e.metadata
         from ${SCHEMA}.detail_events e join ${SCHEMA}.streams s using (stream_id)
        where s.name = $1 order by e.revision`,
      [stream],
    );
    const streamId = (rows[0] as { stream_id: string }).stream_id;
    const before: Row[] = rows.map((row) => ({
      position: row.position,
      xid: row.xid,
      event: {
        stream,
        revision: Number(row.revision),
        position: row.position,
        id: row.event_id,
        type: row.type,
        data: new Uint8Array(row.data),
        metadata: new Uint8Array(row.metadata),
      },
    }));
    const after = edit(before);
    let prev = GENESIS_HASH;
    const events = after.map((row, revision) => {
      const moved = rechained(row.event, revision, prev);
      prev = readHeader(moved.metadata)?.hash as Uint8Array;
      return moved;
    });
    await client.query('begin');
    await client.query(
      `alter table ${SCHEMA}.detail_events drop constraint if exists detail_events_stream_event_id`,
    );
    await client.query(
      `alter table ${SCHEMA}.detail_events drop constraint if exists detail_events_stream_revision`,
    );
    await client.query(`set local pinnstatistik.shredding = 'on'`);
    await client.query(`delete from ${SCHEMA}.detail_events where stream_id = $1`, [streamId]);
    // The original (transaction, position) slots in order, one new slot for each row added.
    for (const [index, event] of events.entries()) {
      const slot = before[index];
      await client.query(
        `insert into ${SCHEMA}.detail_events
           (position, transaction_id, stream_id, revision, event_id, type, data, metadata)
         values (coalesce($1::bigint, nextval('${SCHEMA}.events_position_seq')),
                 coalesce($2::xid8, pg_current_xact_id()), $3, $4, $5, $6, $7, $8)`,
        [
          slot?.position ?? null,
          slot?.xid ?? null,
          streamId,
          event.revision,
          event.id,
          event.type,
          Buffer.from(event.data),
          Buffer.from(event.metadata),
        ],
      );
    }
    await client.query(`update ${SCHEMA}.streams set revision = $2 where stream_id = $1`, [
      streamId,
      events.length - 1,
    ]);
    await client.query('commit');
  });
}

/** March's contacts on the hot sheet, as the statistics projection counts them. */
async function projected(store: PostgresEventStore, keys: PostgresKeyStore): Promise<number> {
  const { state } = await replay(store, statisticsProjection({ keys }));
  let contacts = 0;
  for (const sheet of state.sheets())
    if (sheet.period === PERIOD && sheet.interventionId === hotSheet.interventionId)
      contacts += sheet.tables.contacts;
  return contacts;
}

/** The finding codes of a compliance audit. */
async function audited(store: PostgresEventStore, keys: PostgresKeyStore, today: string): Promise<string[]> {
  const report = await auditLog(store, { keys, today });
  return [...new Set(report.findings.map((finding) => finding.code))].sort();
}

/** `pinnstatistik verify <url> --json` (pinned key, or a saved checkpoint): its exit code and finding codes. */
async function verified(url: string, today: string, trust: { pem?: string; file?: string }) {
  let stdout = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const code = await runCli(
    [
      'verify',
      url,
      '--json',
      '--today',
      today,
      ...(trust.pem === undefined ? [] : ['--public-key', trust.pem]),
      ...(trust.file === undefined ? [] : ['--trust', trust.file]),
    ],
    {
      stdout: sink((text) => {
        stdout += text;
      }),
      stderr: sink(() => undefined),
    },
  );
  const codes = [...stdout.matchAll(/"code": "([A-Z_]+)"/g)].map((match) => match[1] as string);
  return { code, findings: [...new Set(codes)].sort() };
}

/** What every reader made of the manipulated store. */
interface Seen {
  live: string;
  cold: string;
  projectedOpen: number;
  auditOpen: string[];
  verifyOpen: { code: number; findings: string[] };
  seal: string;
  sealed: number;
  projectedSealed: number;
  auditSealed: string[];
  verifySealed: { code: number; findings: string[] };
  verifyTrusted?: { code: number; findings: string[] };
}

/**
 * The open month (four tallies by the live process, the second voided), a checkpoint signed
 * before the tallies (`signed: 'before'`, so the attack is after the latest checkpoint) or after
 * them (`'after'`, the attacked events signed), the attack, then every reader. The live process
 * and a cold one each try one more tally; the operator's cold process seals.
 */
async function play(
  name: string,
  signed: 'before' | 'after',
  attack: (w: World, at: { tallies: number[]; void: number }) => Promise<void>,
): Promise<Seen & { truth: number }> {
  const w = await world(name);
  const live = w.process(writing);
  if (signed === 'before') await w.checkpoint();
  const tallies: number[] = [];
  const receipts = [];
  for (let n = 1; n <= 4; n += 1) {
    receipts.push(await right(live.tally(contact(n))));
    tallies.push(await w.head());
  }
  await right(live.tally(voiding(20, (receipts[1] as { tallyId: string }).tallyId)));
  const at = { tallies, void: await w.head() };
  let trustFile: string | undefined;
  if (signed === 'after') {
    const checkpoint = await w.checkpoint();
    trustFile = join(dir, `${name}-trust.json`);
    const signing = await currentSigningKey({ store: w.store, keys: w.keys, clock: writing });
    writeFileSync(trustFile, trustFileText(checkpoint, signing.publicKey));
  }
  await attack(w, at);
  let truth = 3;
  const liveAnswer = await outcome(live.tally(contact(10)));
  if (liveAnswer === 'written') truth += 1;
  const coldAnswer = await outcome(w.process(writing).tally(contact(11)));
  if (coldAnswer === 'written') truth += 1;
  const seen: Seen = {
    live: liveAnswer,
    cold: coldAnswer,
    projectedOpen: await projected(w.store, w.keys),
    auditOpen: await audited(w.store, w.keys, OPEN_TODAY),
    verifyOpen: await verified(w.url, OPEN_TODAY, { pem: w.pem }),
    seal: await outcome(
      w.process(sealing).sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: PERIOD }),
    ),
    sealed: 0,
    projectedSealed: 0,
    auditSealed: [],
    verifySealed: { code: -1, findings: [] },
  };
  const sealedPeriod = await readSealedPeriod(w.store, PERIOD);
  seen.sealed =
    sealedPeriod.sheets.find((sheet) => sheet.interventionId === hotSheet.interventionId)?.tables.contacts ??
    0;
  seen.projectedSealed = await projected(w.store, w.keys);
  seen.auditSealed = await audited(w.store, w.keys, '2025-04-20');
  seen.verifySealed = await verified(w.url, '2025-04-20', { pem: w.pem });
  if (trustFile !== undefined) seen.verifyTrusted = await verified(w.url, '2025-04-20', { file: trustFile });
  return { ...seen, truth };
}

const CLEAN = { code: 0, findings: [] };
/**
 * A store's verify with only the pinned key, after the seal, of a rewrite an earlier checkpoint
 * signed: the store holds that checkpoint, and verify holds the log to every one it holds (before
 * this stop only to the latest, the seal's, which no longer lists the deleted detail: CLEAN).
 */
const REWRITTEN_SEALED = { code: 1, findings: ['LOG_DELETED_STREAM_REWRITTEN'] };

/** Attacks on the month's detail stream, by the revisions the DBA saw each command take. */
type Attack = (w: World, at: { tallies: number[]; void: number }) => Promise<void>;
const onDetail =
  (edit: (rows: Row[], at: { tallies: number[]; void: number }) => Row[]): Attack =>
  async (w, at) =>
    rewrite(w.url, await w.detail(), (rows) => edit(rows, at));
const row = (rows: Row[], revision: number): Row => rows[revision] as Row;

/** The first tally given again after the stream's last event. */
const duplicateTally = onDetail((rows, at) => [...rows, row(rows, at.tallies[0] as number)]);
/** The third tally gone. */
const deleteTally = onDetail((rows, at) => rows.filter((_, revision) => revision !== at.tallies[2]));
/** The void of the second tally gone: it counts again. */
const deleteVoid = onDetail((rows, at) => rows.filter((_, revision) => revision !== at.void));
/** The second tally and its void swapped. */
const reorder = onDetail((rows, at) =>
  rows.map((each, revision) =>
    revision === at.tallies[1]
      ? row(rows, at.void)
      : revision === at.void
        ? row(rows, at.tallies[1] as number)
        : each,
  ),
);

/** The first tally given again right after itself (inside what a checkpoint signed, for (ii)). */
const duplicateTallyInside = onDetail((rows, at) => {
  const first = at.tallies[0] as number;
  return [...rows.slice(0, first + 1), row(rows, first), ...rows.slice(first + 1)];
});

const session = (token: string, n: number, day: number) => ({
  type: 'RecordSession' as const,
  commandId: uuid(n),
  token,
  date: `2025-03-0${day}`,
  marks: SESSION_MARKS,
});

/** What the cold readers show of an attack the chains cannot see: no error, no finding, the count off by `delta`. */
function expectChainOnly(
  seen: Seen & { truth: number },
  delta: number,
  verifySealed: { code: number; findings: string[] } = CLEAN,
): void {
  expect(seen.cold).toBe('written');
  expect(seen.auditOpen).toEqual([]);
  expect(seen.seal).toBe('written');
  expect(seen.projectedOpen).toBe(seen.truth + delta);
  expect(seen.sealed).toBe(seen.truth + delta);
  expect(seen.projectedSealed).toBe(seen.truth + delta);
  expect(seen.auditSealed).toEqual([]);
  // With only the pinned key, after the seal: clean when no checkpoint signed the edited events
  // (the unsigned tail); else the earlier checkpoint still in the store catches the rewrite.
  expect(seen.verifySealed).toEqual(verifySealed);
}

/**
 * A copied event (an id twice in the month's detail): chain-only everywhere while the month is
 * open, but the seal, which reads the whole month, refuses it — nothing is sealed, shredded or
 * destroyed, and the month stays unsealed for the operator to see.
 */
function expectCopyRefusedAtSeal(seen: Seen & { truth: number }): void {
  expect(seen.cold).toBe('written');
  expect(seen.auditOpen).toEqual([]);
  expect(seen.projectedOpen).toBe(seen.truth + 1);
  expect(seen.seal).toBe('integrity error');
  expect(seen.sealed).toBe(0);
  // The month stays unsealed past its grace: the audit and verify say so.
  expect(seen.auditSealed).toEqual(['PERIOD_UNSEALED_PAST_GRACE']);
  expect(seen.verifySealed.code).toBe(1);
  expect(seen.verifySealed.findings).toContain('PERIOD_UNSEALED_PAST_GRACE');
}

describe('attack 25: a keyless writer with SQL access to the events database', () => {
  describe('(i) the month open, the attack after the latest signed checkpoint', () => {
    // Documented limit (docs/auditing.md, "What the checks cannot see": events after the latest
    // checkpoint are vouched for by their chains alone; "What each layer proves": an edit with
    // every later hash recomputed still chains). Cold process, seal, projection, audit and verify
    // see nothing; the live process sees every edit of an event it read (held: W1).
    it('duplicate a tally after the last event: folded as new by the live process (never read) and counted while open; the seal refuses it', async () => {
      const seen = await play('dup-open', 'before', duplicateTally);
      expect(seen.live).toBe('written'); // an event past its last one: it never read it
      expectCopyRefusedAtSeal(seen);
      expect(seen.verifyOpen).toEqual(CLEAN);
    });

    it('delete a tally: the live process reports an integrity error (held); the seal counts one less (documented limit)', async () => {
      const seen = await play('delete-tally-open', 'before', deleteTally);
      expect(seen.live).toBe('integrity error');
      expectChainOnly(seen, -1);
      expect(seen.verifyOpen).toEqual(CLEAN);
    });

    it('delete a void: the live process reports an integrity error (held); its tally counts again at the seal (documented limit)', async () => {
      const seen = await play('delete-void-open', 'before', deleteVoid);
      expect(seen.live).toBe('integrity error');
      expectChainOnly(seen, +1);
      expect(seen.verifyOpen).toEqual(CLEAN);
    });

    it('reorder a tally and its void: the live process reports an integrity error (held); the counts do not change', async () => {
      const seen = await play('reorder-open', 'before', reorder);
      expect(seen.live).toBe('integrity error');
      expectChainOnly(seen, 0); // the fold is order-free: a void before its tally still takes it away
      expect(seen.verifyOpen).toEqual(CLEAN);
    });
  });

  describe('(ii) the attacked events signed by a checkpoint (on demand, while the month is open)', () => {
    // Held by verify while the month is open (LOG_STREAM_REWRITTEN: W2) and, after the seal, by
    // the checkpoint the auditor saved (LOG_DELETED_STREAM_REWRITTEN: W3) — and, on a store, by
    // the earlier checkpoint the store still holds (REWRITTEN_SEALED). Documented limit: the
    // seal, a cold process, the projection and the audit are chain-only (docs/auditing.md).
    const held = (seen: Seen & { truth: number }) => {
      expect(seen.live).toBe('integrity error');
      expect(seen.verifyOpen).toEqual({ code: 1, findings: ['LOG_STREAM_REWRITTEN'] });
      expect(seen.verifyTrusted).toEqual({ code: 1, findings: ['LOG_DELETED_STREAM_REWRITTEN'] });
    };

    it('duplicate a tally among the signed events: caught by the live process and verify; the seal refuses it', async () => {
      const seen = await play('dup-signed', 'after', duplicateTallyInside);
      expect(seen.live).toBe('integrity error');
      expect(seen.verifyOpen).toEqual({ code: 1, findings: ['LOG_STREAM_REWRITTEN'] });
      expectCopyRefusedAtSeal(seen);
    });

    it('duplicate a tally after the signed events: chain-only while open (documented limit); the seal refuses it', async () => {
      const seen = await play('dup-tail-signed', 'after', duplicateTally);
      expect(seen.live).toBe('written');
      expect(seen.verifyOpen).toEqual(CLEAN);
      expectCopyRefusedAtSeal(seen);
    });

    it('delete a tally: caught by verify, open and sealed (the store’s earlier checkpoint, or the saved one)', async () => {
      const seen = await play('delete-tally-signed', 'after', deleteTally);
      held(seen);
      expectChainOnly(seen, -1, REWRITTEN_SEALED);
    });

    it('delete a void: caught by verify, open and sealed (the store’s earlier checkpoint, or the saved one)', async () => {
      const seen = await play('delete-void-signed', 'after', deleteVoid);
      held(seen);
      expectChainOnly(seen, +1, REWRITTEN_SEALED);
    });

    it('reorder a tally and its void: caught by verify, open and sealed (the store’s earlier checkpoint, or the saved one); counts unchanged', async () => {
      const seen = await play('reorder-signed', 'after', reorder);
      held(seen);
      expectChainOnly(seen, 0, REWRITTEN_SEALED);
    });
  });

  it("duplicate a session's tally of a full series (5 of råd och stöd's 5): the series ends over its limit, the audit says so (held: W4), and the seal refuses the copy", async () => {
    const w = await world('series');
    const live = w.process(writing);
    await w.checkpoint();
    const { token } = await right(
      live.openSeries({
        type: 'OpenSeries',
        commandId: uuid(300),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      }),
    );
    const revisions: number[] = [];
    for (let n = 1; n <= 5; n += 1) {
      await right(live.recordSession(session(token, 300 + n, n)));
      revisions.push(await w.head());
    }
    await rewrite(w.url, await w.detail(), (rows) => [...rows, row(rows, revisions[0] as number)]);
    // The live process folds the copy (past its last event) and closes the series at 6 contacts.
    const closed = await right(
      live.closeSeries({ type: 'CloseSeries', commandId: uuid(310), token, reason: 'completed' }),
    );
    expect(closed.contacts).toBe(6);
    await w.checkpoint(); // as `series expire` does after a closing
    expect(await audited(w.store, w.keys, OPEN_TODAY)).toEqual(['SERIES_LIMIT_EXCEEDED']);
    // verify without --keys does not read open detail (its notes say so): clean while open.
    expect(await verified(w.url, OPEN_TODAY, { pem: w.pem })).toEqual(CLEAN);
    // The seal reads the whole month and meets the copied event's id twice: it refuses (before
    // this stop's fix it sealed 6 contacts and a series of length 6, which the audit and verify
    // then reported as SERIES_LIMIT_EXCEEDED).
    expect(
      await outcome(
        w.process(sealing).sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: PERIOD }),
      ),
    ).toBe('integrity error');
    expect((await readSealedPeriod(w.store, PERIOD)).sheets).toEqual([]);
    expect(await audited(w.store, w.keys, '2025-04-20')).toEqual([
      'PERIOD_UNSEALED_PAST_GRACE',
      'SERIES_LIMIT_EXCEEDED',
    ]);
    expect((await verified(w.url, '2025-04-20', { pem: w.pem })).code).toBe(1);
  });

  // BROKE, fixed: the seal now derives the month's detail stream from its key and refuses
  // (IntegrityError, `requireRegisteredDetail` in core/src/service/unregistered-detail.ts) when it
  // holds events the registry does not name; against the code before, this test fails (the seal
  // is written with no sheet). The break, as found. What: the keyless writer deletes the month's `SheetRegistered` from `registry-2025-03`
  // (the registry row the month's first tally appended — a DBA watching the tables sees which)
  // and re-chains the registry. How: `sealPeriod` folds and deletes only the detail streams the
  // registry names (period-sealer.ts, `sealedSheets`: `registry.state.registered`), so it seals
  // March with no sheet at all (`SheetsSealed` empty, `PeriodSealed.sheets` 0), destroys the key
  // and leaves the month's detail stream `tally-2025-03-…` (4 tallies) in the store for good.
  // Consequence: every published figure for March is 0 instead of 4, with no error anywhere — the
  // seal succeeds, the projection counts 0, the compliance audit has no finding (it reports
  // DETAIL_NOT_DELETED only for streams a seal lists) and `verify --public-key` is CLEAN; and the
  // month's detail outlives its seal, against "Sealing a month deletes its detail stream (one a
  // month …)" (docs/auditing.md, "Deleted streams"; docs/privacy-at-rest.md, "Sealing"; README,
  // "What is stored"). Not the chain-only limit: the inconsistency stays in the log after the
  // seal, under the seal's own checkpoint — a `tally-2025-03-*` stream beside a `PeriodSealed`
  // that does not list it — and the sealer needs no registry to find the stream: a month has one
  // detail stream, named `tallySheetStream({ period }, periodKey.naming)`. Fix: in
  // packages/core/src/service/period-sealer.ts (`sealedSheets`) always close, fold and list the
  // month's own detail stream (derived from the key), and refuse (IntegrityError) when it exists
  // but the registry does not name it; in the audit (packages/projections/src/audit/
  // end-of-log-findings.ts) and verify, report any `tally-YYYY-MM-*` stream still in the log
  // after `period-YYYY-MM`'s `PeriodSealed` that the seal does not list (DETAIL_NOT_DELETED).
  it("delete the month's registration from its registry: the seal refuses, and nothing is lost", async () => {
    const w = await world('registry');
    const live = w.process(writing);
    await w.checkpoint();
    // A series opened in March first, so that the registration is not the registry's only event.
    await right(
      live.openSeries({
        type: 'OpenSeries',
        commandId: uuid(300),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      }),
    );
    for (let n = 1; n <= 4; n += 1) await right(live.tally(contact(n)));
    await rewrite(w.url, `registry-${PERIOD}`, (rows) => rows.slice(0, 1));
    const seal = await outcome(
      w.process(sealing).sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: PERIOD }),
    );
    const sealed = (await readSealedPeriod(w.store, PERIOD)).sheets.find(
      (sheet) => sheet.interventionId === hotSheet.interventionId,
    )?.tables.contacts;
    const { rows } = await sql(w.url, (client) =>
      client.query<{ events: string }>(
        `select count(*) as events from ${SCHEMA}.detail_events e join ${SCHEMA}.streams s using (stream_id)
          where s.name like 'tally-${PERIOD}-%'`,
      ),
    );
    const seen = {
      seal,
      sealed,
      detailLeft: Number(rows[0]?.events),
      projected: await projected(w.store, w.keys),
      audit: await audited(w.store, w.keys, '2025-04-20'),
      verify: await verified(w.url, '2025-04-20', { pem: w.pem }),
    };
    // Before the fix: { seal: 'written', sealed: undefined, detailLeft: 4, projected: 0, audit: [], verify: CLEAN }.
    // Now the seal refuses (the month's detail holds events its registry does not name), before
    // it writes, shreds or destroys anything: the key and the four tallies are still there.
    expect(seen.seal).toBe('integrity error');
    expect({ sealed: seen.sealed, detailLeft: seen.detailLeft, projected: seen.projected }).toEqual({
      sealed: undefined,
      detailLeft: 4,
      projected: 4,
    });
    expect(await w.keys.get(`period-${PERIOD}`)).toBeDefined();
  });
});
