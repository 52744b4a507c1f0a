import {
  type EventStore,
  type KeyStore,
  periodKeyId,
  readSealedPeriod,
  readSealProofKey,
} from '@pinnstatistik/core';
import { ATTACKED_SHEET, appendKeyless, numberedCommands } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/audit/compliance-audit.js';
import type { StatisticsCube } from '../src/cube/statistics-cube.js';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { replay } from '../src/runner/replay.js';
import {
  FEB,
  forgedSealData,
  forgedSheets,
  MARCH,
  operatorMonths,
  seriesWithNoteInMarch,
} from './forged-seal-fixtures.js';

// Attack 31, against attack 30 (the audit's PERIOD_SEAL_UNPROVEN / AMENDMENT_UNPROVEN; "only a
// month's first PeriodSealed counts" in the service; the projection holding tables until a proven
// seal; readSealedPeriod). The attacker writes plain events with valid hash chains
// (`appendKeyless`) and reads/copies everything; the operator's key store is out of reach.
//
// BREAKS (each first written as `it.fails`, passing because the attack worked; all six fixed,
// the tests now plain): one shape check for period-stream events (`isWellFormedPeriodEvent`,
// core) that every reader asks first — the service's fold, readSealedPeriod, the projection, and
// the audit, which reports the event as EVENT_MALFORMED; the fold and readSealedPeriod also leave
// out tables and seals naming another month; the audit reports a sealed month's detail still in the
// log whether or not its seal lists it; the sheet opener takes a seal that is not the operator's
// for no seal (the month open). Each fails with its check removed (the shape check in each reader;
// `state.period` in `evolvePeriod`; `unlistedDetailFindings`; `periods.isSealed` in sheet-opener.ts).
//  1. One malformed event crashes the compliance audit (with and without keys): the auditor gets
//     no verdict at all. `SheetsSealed`/`SheetAmended` data are used without a shape check
//     (compliance-audit.ts `checkPublic`: `data.sheets` on `data: null`; `marksOf(sheet.tables)` /
//     `marksOf(data.delta)` in recording-rules.ts `marksOf` → `Object.entries(undefined.marginals)`;
//     `closedSeries.add(data.series)` on `data: null`; `seal.period` in seal-proof.ts `namesItsStream`
//     for a PeriodSealed with `data: null` in an open month; without keys `for (const deleted of
//     data.deleted)` on a digest-holding forged seal with `deleted: 5` or `[null]`). The event can
//     sit after a sealed month's genuine seal, where nothing else looks at it.
//  2. `data: null` in a period stream (SheetsSealed, PeriodSealed, SheetAmended) crashes every
//     replay of the statistics projection (statistics-projection.ts `apply`: destructuring
//     `opened.data` for SheetsSealed, `seal.period` for PeriodSealed; `isProvenAmendment`'s
//     `const { proof, ...fields } = amendment` via `amendIfProven`). `decodeInner` lets `data: null`
//     through (it only refuses `undefined`). A live runner retries and fails forever.
//  3. readSealedPeriod disagrees with, or crashes where, the service, the projection and the audit
//     agree: read-sealed-period.ts pushes `...data.sheets` of every SheetsSealed before the seal with
//     no `Array.isArray` (the others skip a non-list): `sheets: 5` before the operator's seal →
//     TypeError for that sealed month for ever; `sheets: 'ab'` → `proven: false` for a month the
//     operator really sealed (its detail shredded). And a `SheetAmended` with `data: null` after a
//     genuine seal crashes it (`isProvenAmendment` destructures null).
//  4. Without keys the audit takes any seal whose digest holds (isSealOverTables) as the month's
//     seal: a keyless forger seals an open month past its grace over tables of its own, listing no
//     stream as deleted — `auditLog` without keys reports CLEAN although every detail stream of the
//     month is still in the log (PERIOD_UNSEALED_PAST_GRACE hidden). The CLI's `verify` without
//     --keys (an external auditor with an export) adds notes about keys, none that seals were only
//     digest-checked.
//  5. Disagreement on whether the operator's own seal holds: a `SheetsSealed` naming ANOTHER period
//     appended to an open month's stream is folded by the service (`evolvePeriod`, period-state.ts:
//     every SheetsSealed with a list, whatever its `period`) and by readSealedPeriod, but skipped by
//     the projection and the audit (`sealedPeriods.has(data.period)` / `periodStream(period)`
//     checks). The operator's seal is written and fails the service's proof (nothing shredded, key
//     kept, sealing can never complete); the audit (with and without keys) counts the month as
//     sealed by a proven seal.
//
//  6. A forged FIRST seal of an open month stops every series whose last session is in it from
//     closing (sheet-opener.ts throws IntegrityError on the unproven seal; series-closer.ts does
//     not go on to another month): notes and key outlive the closing — see the test.
//
// HOLDS (normal tests; each weakening made in the worktree, the test run, the code restored):
//  7. With keys, a forged first seal whose digest holds is PERIOD_SEAL_UNPROVEN and the month is
//     counted unsealed (PERIOD_UNSEALED_PAST_GRACE stays). Fails with (compliance-audit.ts, the
//     `holds` check accepting `isSealOverTables(event.stream, data, tables) || isProvenSealOf(…)`):
//     "expected [ 'DETAIL_DECRYPTABLE_AFTER_SEAL' ] to deeply equal [ 'PERIOD_SEAL_UNPROVEN', …(1) ]"
//     (HOLDS 8 fails with it too: "… to include 'PERIOD_UNSEALED_PAST_GRACE'").
//  8. A forged first seal: the service (no shredding, key kept), the projection (month still open,
//     its detail counted), readSealedPeriod (`proven: false`) and the audit agree the month is not
//     sealed. Fails with (proven-seal.ts `isProvenSealed` returning `loaded.state.sealed`):
//     "promise resolved "{ _tag: 'Right', right: { …(5) } }" instead of rejecting" (the forged seal
//     shredded February).
//  9. After the operator's genuine seal, a forged trailing seal and tables change no verdict:
//     audit (keys) clean, projection 1 contact, readSealedPeriod proven. Fails with (read-sealed-
//     period.ts taking every PeriodSealed, `&& seal === undefined` removed):
//     "expected false to be true"; and with (compliance-audit.ts `if (sealedPeriods.has(…)) return;`
//     removed): "expected [ 'PERIOD_SEAL_UNPROVEN', …(1) ] to deeply equal [ 'PERIOD_UNSEALED_PAST_GRACE' ]".

const TODAY = '2025-04-20';
const numbered = numberedCommands('a3110000');
const { uuid } = numbered;
const sheet = ATTACKED_SHEET;

const sealFeb = (service: Awaited<ReturnType<typeof operatorMonths>>['service']) =>
  service.sealPeriod({ type: 'SealPeriod', commandId: uuid(501), period: FEB });

const codesOf = async (store: EventStore, keys?: KeyStore) =>
  [
    ...new Set(
      (await auditLog(store, { ...(keys === undefined ? {} : { keys }), today: TODAY })).findings.map(
        (finding) => finding.code,
      ),
    ),
  ].sort();

const contactsOf = (cube: StatisticsCube, period: string) =>
  [...cube.sheets()]
    .filter((entry) => entry.period === period)
    .map((entry) => ({ contacts: (entry.tables as { contacts?: number }).contacts, sealed: entry.sealed }));

// One event after March's genuine seal (or in Feb's open stream), each malformed differently.
const malformed: [string, string, string, unknown][] = [
  [
    'a sheet without tables after a seal',
    `period-${MARCH}`,
    'SheetsSealed',
    { period: MARCH, sheets: [{ ...sheet }] },
  ],
  ['a null sheet after a seal', `period-${MARCH}`, 'SheetsSealed', { period: MARCH, sheets: [null] }],
  ['tables with data null', `period-${MARCH}`, 'SheetsSealed', null],
  ['a seal with data null in an open month', `period-${FEB}`, 'PeriodSealed', null],
  [
    'an amendment without delta',
    `period-${MARCH}`,
    'SheetAmended',
    { period: MARCH, ...sheet, proof: 'f'.repeat(64) },
  ],
  ['an amendment with data null', `period-${MARCH}`, 'SheetAmended', null],
  ['a series closing with data null', `period-${MARCH}`, 'SeriesClosed', null],
];

describe('attack 31: malformed events against the audit and the readers; which seal counts', () => {
  // BREAK 1 (see the header). Impact: `pinnstatistik verify` (and every `auditLog`) throws a
  // TypeError — no findings at all, for any month, as long as the event is in the log. Fix: check
  // the shape of every clear event the audit reads (a schema per type: `sheets` an array of objects
  // with `tables.marginals`/`seriesLengths` objects, `delta` likewise, `deleted` an array of
  // `{ stream: string }`, `series` a string, `data` an object) and report EVENT_MALFORMED instead
  // of using it; check the seal's `deleted` shape in `isSealOverTables`/`isProvenSeal` too.
  for (const [title, stream, type, data] of malformed) {
    it(`the audit gives a verdict despite ${title} (${type}), with keys`, async () => {
      const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
      await appendKeyless(store, stream, [{ id: uuid(7001), type, data: data as Record<string, unknown> }]);
      await expect(auditLog(store, { keys, today: TODAY })).resolves.toMatchObject({ clean: false });
    });
    it(`the audit gives a verdict despite ${title} (${type}), without keys`, async () => {
      const { store } = await operatorMonths(numbered, { sealMarch: true });
      await appendKeyless(store, stream, [{ id: uuid(7001), type, data: data as Record<string, unknown> }]);
      await expect(auditLog(store, { today: TODAY })).resolves.toMatchObject({ clean: false });
    });
  }

  // BREAK 1, without keys: a forged seal that passes the digest check, its `deleted` not a list of
  // streams (`for (const deleted of data.deleted)` in compliance-audit.ts, PeriodSealed case).
  it('the audit without keys gives a verdict despite a digest-holding seal whose deleted is 5', async () => {
    const { store } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7002), type: 'PeriodSealed', data: forgedSealData(FEB, [], { deleted: 5 }) },
    ]);
    await expect(auditLog(store, { today: TODAY })).resolves.toMatchObject({ clean: false });
  });

  // BREAK 2 (see the header). Impact: no statistics are published at all (every replay, every
  // rebuild; a live runner stops on the event). Fix: in statistics-projection.ts `apply` (and in
  // `isProvenAmendment`/`isProvenSeal`, `evolvePeriod`) treat data that is not an object of the
  // expected shape as not the operator's (skip it), or refuse `data` that is not an object in
  // `decodeInner` (inner-record.ts) — MalformedEvent for every reader at once.
  for (const type of ['SheetsSealed', 'PeriodSealed', 'SheetAmended'])
    it(`the statistics replay survives a ${type} with data null`, async () => {
      const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
      await appendKeyless(store, `period-${MARCH}`, [{ id: uuid(7003), type, data: null as never }]);
      const { state } = await replay(store, statisticsProjection({ keys }));
      expect(contactsOf(state, MARCH)).toEqual([{ contacts: 1, sealed: true }]);
    });

  // BREAK 3 (see the header). Fix: read-sealed-period.ts — fold SheetsSealed only when
  // `Array.isArray(data.sheets)` (as `evolvePeriod` and the projection do), and skip an amendment
  // whose data is not an object; better, one shared fold of a period stream (tables before the
  // first seal, the first seal) used by the service, the projection, the audit and this reader.
  it('readSealedPeriod reads a sealed month despite tables that are not a list before its seal', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7004), type: 'SheetsSealed', data: { period: FEB, sheets: 5 } },
    ]);
    // The service, the projection and the audit all skip the non-list: February is sealed for real.
    expect(E.isRight(await sealFeb(service))).toBe(true);
    expect(await keys.get(periodKeyId(FEB))).toBeUndefined();
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, FEB)).toEqual([
      { contacts: 3, sealed: true },
    ]);
    // The audit reports the malformed event, and reads past it.
    expect(await codesOf(store, keys)).toEqual(['EVENT_MALFORMED']);
    const read = await readSealedPeriod(store, FEB, { proofKey: await readSealProofKey(keys) });
    expect(read.proven).toBe(true);
  });

  it('readSealedPeriod proves a month the operator sealed despite a string as tables before it', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7005), type: 'SheetsSealed', data: { period: FEB, sheets: 'ab' } },
    ]);
    expect(E.isRight(await sealFeb(service))).toBe(true);
    expect(await codesOf(store, keys)).toEqual(['EVENT_MALFORMED']);
    // readSealedPeriod spreads 'a' and 'b' into the tables: the operator's seal "does not hold".
    const read = await readSealedPeriod(store, FEB, { proofKey: await readSealProofKey(keys) });
    expect(read.proven).toBe(true);
  });

  it('readSealedPeriod reads a sealed month despite an amendment with data null after its seal', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${MARCH}`, [
      { id: uuid(7006), type: 'SheetAmended', data: null as never },
    ]);
    const read = await readSealedPeriod(store, MARCH, { proofKey: await readSealProofKey(keys) });
    expect(read.proven).toBe(true);
  });

  // BREAK 4 (see the header). Impact: an auditor without the key store (an export checked by the
  // supervisory authority, `pinnstatistik verify <file>`) sees a month whose detail was never
  // shredded, past its grace, as sealed and the log CLEAN. Fix (no key needed): a month counted as
  // sealed must have no detail left — every `tally-{period}-…` and `registry-{period}` stream still
  // in the log after its seal is DETAIL_NOT_DELETED, listed or not (a genuine seal lists and
  // deletes them all); and without keys say in the verdict that seals were checked against their
  // digest only (a forger passes it), or report such months as PERIOD_SEAL_UNVERIFIED.
  it('without keys, a forged seal does not hide an open month past its grace whose detail is all still there', async () => {
    const { store } = await operatorMonths(numbered, { sealMarch: true });
    const sheets = forgedSheets();
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7007), type: 'SheetsSealed', data: { period: FEB, sheets } },
      { id: uuid(7008), type: 'PeriodSealed', data: forgedSealData(FEB, sheets) },
    ]);
    const report = await auditLog(store, { today: TODAY });
    expect(report.clean).toBe(false);
  });

  // BREAK 5 (see the header). The month's fate is denial of sealing as for any forged table before
  // a seal (attack 29, accepted) — but here the readers disagree on it: the audit (keys or not)
  // reports February sealed by the operator's proven seal (only DETAIL_NOT_DELETED /
  // DETAIL_DECRYPTABLE_AFTER_SEAL, which a re-run of sealPeriod cannot clear: it throws
  // IntegrityError for ever), the service and readSealedPeriod say the seal does not hold.
  // Fix: one fold of a period stream for all readers; a SheetsSealed whose `period` is not the
  // stream's month is no part of that month's tables in the service either (`evolvePeriod`:
  // `periodStream(typed.data.period) === stream` — which also removes this denial).
  it('tables naming another month: the service and the audit agree whether the operator’s seal holds', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7009), type: 'SheetsSealed', data: { period: MARCH, sheets: forgedSheets() } },
    ]);
    const sealed = await sealFeb(service).then(
      (result) => E.isRight(result),
      () => false,
    );
    const auditUnproven = (await codesOf(store, keys)).includes('PERIOD_SEAL_UNPROVEN');
    const read = await readSealedPeriod(store, FEB, { proofKey: await readSealProofKey(keys) });
    // Agreement: either all take the seal (service sealed) or none (audit reports it unproven).
    expect({ service: sealed, audit: !auditUnproven, reader: read.proven }).toEqual({
      service: sealed,
      audit: sealed,
      reader: sealed,
    });
  });

  // BREAK 6 (harm of a forged FIRST seal beyond denial of sealing). A keyless `PeriodSealed` in the
  // open month a series' last session is in: the series can no longer be closed. series-closer.ts
  // (`markEnd`, the `months` list) rightly takes the month as open (`periods.isSealed` false: the
  // seal is unproven), then `recorder.writeSheet` reaches sheet-opener.ts (the loop's
  // `if (period.state.sealed) { requireProvenSeal(…) … }`, line ~55–58), which THROWS IntegrityError
  // for the unproven seal — the closing aborts instead of going on. Impact: the series' stream, its
  // notes (free text about a person) and its key outlive the closing (and any expiry run through
  // it) for as long as the forged event is in the log — the retention breach attack 30 fixed for a
  // trailing event, reached now with a leading one. Tallies into the month likewise throw instead
  // of being refused. Fix: the sheet opener must not throw on a month whose first seal is unproven
  // when it is only asked to write an end mark — return a refusal (e.g. PERIOD_SEAL_UNPROVEN, the
  // month's key kept), and have the series closer fall through to the next month of `months`
  // (periodOf(on), today's month), or destroy the notes and key whatever happens to the end mark.
  // Today: "threw: IntegrityError: stream period-2025-03 at revision 0: the period’s seal or its
  // tables were not written by the operator …".
  it('a forged first seal of an open month does not stop a series from being closed', async () => {
    const { store, service, token, setNow } = await seriesWithNoteInMarch(numbered);
    setNow('2025-03-20T08:00:00Z');
    // The attacker's seal of March, still open: its digest over no tables, its proof a guess.
    await appendKeyless(store, `period-${MARCH}`, [
      { id: uuid(7301), type: 'PeriodSealed', data: forgedSealData(MARCH, []) },
    ]);
    const closing = await service
      .closeSeries({ type: 'CloseSeries', commandId: uuid(804), token, reason: 'completed' })
      .then(
        (outcome) => (E.isRight(outcome) ? 'closed' : outcome.left.code),
        (error: unknown) => `threw: ${String(error)}`,
      );
    expect(closing).toBe('closed');
  });

  // HOLDS 7 (see the header for the weakening and its failure).
  it('with keys, a forged first seal whose digest holds is unproven and the month counts as unsealed', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const sheets = forgedSheets();
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7010), type: 'SheetsSealed', data: { period: FEB, sheets } },
      { id: uuid(7011), type: 'PeriodSealed', data: forgedSealData(FEB, sheets) },
    ]);
    expect(await codesOf(store, keys)).toEqual(['PERIOD_SEAL_UNPROVEN', 'PERIOD_UNSEALED_PAST_GRACE']);
  });

  // HOLDS 8 (see the header for the weakening and its failure).
  it('a forged first seal: service, projection, readSealedPeriod and audit agree the month is not sealed', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    const sheets = forgedSheets();
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7012), type: 'SheetsSealed', data: { period: FEB, sheets } },
      { id: uuid(7013), type: 'PeriodSealed', data: forgedSealData(FEB, sheets) },
    ]);
    await expect(sealFeb(service)).rejects.toThrow(/not written by the operator/);
    expect(await keys.get(periodKeyId(FEB))).toBeDefined();
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, FEB)).toEqual([
      { contacts: 3, sealed: false },
    ]);
    const read = await readSealedPeriod(store, FEB, { proofKey: await readSealProofKey(keys) });
    expect(read.proven).toBe(false);
    expect(await codesOf(store, keys)).toContain('PERIOD_UNSEALED_PAST_GRACE');
  });

  // HOLDS 9 (see the header for the weakenings and their failures).
  it('a forged seal and tables after the operator’s seal change no reader’s verdict', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const sheets = forgedSheets();
    await appendKeyless(store, `period-${MARCH}`, [
      { id: uuid(7014), type: 'SheetsSealed', data: { period: MARCH, sheets } },
      { id: uuid(7015), type: 'PeriodSealed', data: forgedSealData(MARCH, sheets) },
    ]);
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, MARCH)).toEqual([
      { contacts: 1, sealed: true },
    ]);
    const read = await readSealedPeriod(store, MARCH, { proofKey: await readSealProofKey(keys) });
    expect(read.proven).toBe(true);
    // February is open past its grace (an honest finding); nothing about March.
    expect(await codesOf(store, keys)).toEqual(['PERIOD_UNSEALED_PAST_GRACE']);
  });
});
