import {
  type CheckpointStore,
  type EventStore,
  emptySheetTables,
  type JsonValue,
  openEvent,
  periodKeyId,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { ATTACKED_SHEET, appendKeyless, numberedCommands } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { authenticatedCheckpoints } from '../src/runner/authenticated-checkpoints.js';
import { createEventStoreCheckpointStore } from '../src/runner/event-store-checkpoint-store.js';
import { createMemoryCheckpointStore } from '../src/runner/memory-checkpoint-store.js';
import { createProjectionRunner } from '../src/runner/projection-runner.js';
import { replay } from '../src/runner/replay.js';
import { contactsOf, FEB, forgedSheets, forgeSeal, MARCH, operatorMonths } from './forged-seal-fixtures.js';

// Attack 29, against attack 28's fix (the statistics projection folds a month's tables only when its
// seal holds; amendments carry a proof of their fields and place). The attacker is a writer with
// no keys (plain appends with valid hash chains, `appendKeyless`); the operator runs the projection
// with its own key store.
//
// BREAKS (each first written as `it.fails`, passing because the attack worked; all four fixed
// since, the tests now plain — each test's comment names the fix and what it fails with):
//  1. A forged seal of a month that has no key in the key store, read before the operator's first
//     seal (no seal-proof key yet): `closeOnSeal` (statistics-projection.ts, the branch
//     `if (monthKey === undefined) return closeIfHolds(cube, stream, seal, undefined)`) falls back to
//     the digest-only check, which the forger passes. Its 400 contacts are published as a sealed
//     sheet, and a checkpoint keeps them (and the month "closed") after the seal-proof key exists.
//  2. `proof` of the wrong JSON type (a number) in a `SheetAmended` or a `PeriodSealed`:
//     `Buffer.from(proof, 'latin1')` throws a TypeError in `isProvenAmendment` / `isProvenSeal`
//     (amendment-proof.ts, seal-proof.ts): one appended event stops every replay of the statistics.
//  3. The amender trusts any `PeriodSealed`: with a forged seal in an open month, `amendSheet`
//     (sheet-amender.ts, `loaded.state.sealed ? … : refuse.periodNotSealed`) writes an operator-proven
//     amendment into the open month, which the projection then adds on top of the month's detail.
//  4. The event-store checkpoint store trusts its pointer stream: a keyless writer appends a
//     `CheckpointPointer` to `checkpoint-statistics` naming a stream of its own with any state, and
//     the runner restores it (event-store-checkpoint-store.ts `load`, no authentication at all).
//
// HOLDS (normal tests), with the weakening each was shown to fail against (product code weakened
// in the worktree, the test run, the code restored):
//  5. Forged tables (`SheetsSealed` without a seal) appended to an open month before its genuine
//     seal: the seal is refused (nothing shredded, key kept) and the projection keeps counting the
//     month's detail (a denial of sealing until the event is removed, as docs/privacy-at-rest.md
//     says of a forged seal). Fails with (weakened: `isProvenSeal` in seal-proof.ts no longer
//     comparing `fields.tables` with `tablesDigest(tables)`):
//     "promise resolved "{ _tag: 'Right', … }" instead of rejecting" — the month was shredded.
//  6. A genuine amendment re-appended by a copier at a later revision is not folded (an array of
//     the proof's bytes as `proof` is accepted exactly as the string is — no gain for a forger).
//     Fails with (weakened: `amendmentProof` in amendment-proof.ts HMACing `{ amendment }` without
//     the stream and revision): "expected [ 4 ] to deeply equal [ 2 ]".
//  7. (Context for BREAK 1) replayed whole once the seal-proof key exists, the forged May is
//     refused. Fails with (weakened: `closeIfHolds` accepting `isSealOverTables(…) ||
//     isProvenSealOf(…)`): "expected [ 400 ] to deeply equal []".
//
// Also found (not an attack, not tested here): `createProjectionRunner` with
// `createEventStoreCheckpointStore` saves twice at once when caught up (`onCaughtUp` and
// `whenCaughtUp` each call `checkpoint()`): both pick sequence 1, the idempotent append de-duplicates
// the pointer, the later save deletes `checkpoint-statistics-1` as "replaced" while the pointer
// read back names it — `load` then answered `undefined` (the checkpoint lost; a full replay next start).

const MAY = '2025-05';
const numbered = numberedCommands('a2910000');
const { uuid } = numbered;
const sheet = ATTACKED_SHEET;

async function genuineAmendment(store: EventStore, period: string): Promise<Record<string, unknown>> {
  for await (const event of store.readStream(`period-${period}`))
    if (event.type === 'SheetAmended') {
      const opened = openEvent(event);
      if (opened.readable) return { ...(opened.data as Record<string, unknown>) };
    }
  throw new Error('no amendment read back');
}

describe('attack 29: a keyless writer against the proven seals and amendments of attack 28', () => {
  // BREAK 1. Before the operator's first seal there is no seal-proof key; for a month the key store
  // holds no key of (nothing tallied yet: a future month, or a quiet past one) the projection falls
  // back to `isSealOverTables`, which any forger passes. Impact: 400 invented contacts published
  // for May as a sealed sheet, May counted as sealed; a checkpoint taken then keeps it after the
  // operator's first real seal made the seal-proof key (a full replay would then refuse it, a
  // resumed runner does not). Fix: a reader holding the operator's key store must never fall
  // back to the digest-only check — no seal-proof key means no seal can be proven yet (refuse);
  // only a projection explicitly configured as keyless (an option, not "the key store holds
  // nothing") may use `isSealOverTables`. Alternatively make the seal-proof key at service start.
  // FIXED: no seal holds without the seal-proof key; only `seals: 'digest-only'` (a reader told it
  // has no keys) checks the digest alone. Fails with the projection before the fix.
  it('a forged seal of a month with no key, read before the first real seal, is not published (nor kept by a checkpoint)', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: false });
    await forgeSeal(store, numbered, MAY, 7001);
    const projection = statisticsProjection({ keys });
    const early = await replay(store, projection);
    const checkpoint = await projection.snapshot(early.state);
    // The operator's first seal: the seal-proof key now exists.
    expect(
      E.isRight(await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(501), period: FEB })),
    ).toBe(true);
    const resumed = await statisticsProjection({ keys }).restore(checkpoint);
    expect({ early: contactsOf(early.state, MAY), resumed: contactsOf(resumed, MAY) }).toEqual({
      early: [],
      resumed: [],
    });
  });

  it('(the same forged May, replayed whole after the first real seal, is refused: the break is the window and the checkpoint)', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: false });
    await forgeSeal(store, numbered, MAY, 7051);
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, MAY)).toEqual([]);
    expect(
      E.isRight(await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(551), period: FEB })),
    ).toBe(true);
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, MAY)).toEqual([]);
  });

  // BREAK 2. `proof: 1` (any number, null, or an object) reaches `Buffer.from(proof, 'latin1')`,
  // which throws: the replay rejects and no statistics are published (a live runner retries and
  // fails forever on the same event). For a seal the forger first matches the digest of its own
  // held tables. Fix: `typeof proof !== 'string'` → not proven (amendment-proof.ts
  // `isProvenAmendment`, seal-proof.ts `isProvenSeal`), or validate event data against a schema
  // before use. FIXED: anything but 64 hex digits is no proof (`isHmacHex`); tables that are not a
  // list are not held. Fails with the `isHmacHex` checks removed.
  it('an amendment whose proof is a number is left out, and the statistics still replay', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${MARCH}`, [
      {
        id: uuid(7101),
        type: 'SheetAmended',
        data: {
          ...sheet,
          period: MARCH,
          catalogueVersion: vaggerydCatalogue().version,
          reason: 'late-tally',
          delta: emptySheetTables(),
          proof: 1,
        },
      },
    ]);
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(state, MARCH)).toEqual([1]);
  });

  it('a forged seal whose proof is a number is refused, and the statistics still replay', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    await forgeSeal(store, numbered, FEB, 7151, 12345);
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(state, FEB)).toEqual([3]);
  });

  // BREAK 3. A forged `PeriodSealed` in an open month makes the amender believe it sealed: it
  // writes an amendment (with a valid proof for its place) into a month whose detail is still
  // open and counted. The projection folds it on top of the detail; and should the operator remove
  // the forged seal and seal for real, the seal's tables replace that sheet (the amendment before
  // them is lost). Fix: in sheet-amender.ts `decide` (and series-closer.ts `markEnd`'s choice of
  // month), treat a period as sealed only if `requireProvenSeal` holds (refuse/throw otherwise).
  // FIXED: a month is sealed only by a proven seal (`isProvenSealed`, `PeriodLoader.isSealed`) for
  // the amender, the series closer, the session count and the series registration. Fails with the
  // amender's `isProvenSealed(loaded, proofKey)` put back to `loaded.state.sealed`.
  it('the amender refuses to amend an open month behind a forged seal', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    await forgeSeal(store, numbered, FEB, 7201);
    const amending = service
      .amendSheet({
        type: 'AmendSheet',
        commandId: uuid(601),
        ...sheet,
        period: FEB,
        change: 1,
        tally: { type: 'contact', marks: { gender: 'female' } },
        reason: 'late-tally',
      })
      .then((outcome) => E.isRight(outcome))
      .catch(() => false);
    const accepted = await amending;
    // Today: accepted, and folded on top of the open month's 3 contacts in detail ([4]).
    const published = contactsOf((await replay(store, statisticsProjection({ keys }))).state, FEB);
    expect({ accepted, published }).toEqual({ accepted: false, published: [3] });
  });

  // Found with BREAK 3 (the lead's addition): the series registration took any `PeriodSealed` of
  // today's month for the seal and wrote each series opened that month in the clear index at once
  // — dated by its position, what indexing at the seal exists to hide (attack 14). Fails with
  // `periods.isSealed(period)` in series-registration.ts put back to `(await periods.load(period)).state.sealed`.
  it('a series opened in a month behind a forged seal is registered in the month, not indexed in the clear', async () => {
    const { store, service } = await operatorMonths(numbered, { sealMarch: true });
    const april = '2025-04';
    await forgeSeal(store, numbered, april, 7301);
    const opened = await service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(700),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    });
    expect(E.isRight(opened)).toBe(true);
    const indexed: string[] = [];
    for await (const event of store.readAll()) if (event.type === 'SeriesIndexed') indexed.push(event.stream);
    expect(indexed).toEqual([]);
  });

  // BREAK 4. Checkpoints kept in the event store (`createEventStoreCheckpointStore`) are plain,
  // unauthenticated events: a keyless writer appends a `CheckpointPointer` to
  // `checkpoint-statistics` naming a stream it wrote, holding any cube — here March, genuinely
  // 1 contact, published as 400 sealed — and the runner restores it on its next start (or after
  // any failed apply, which BREAK 2 provides on demand). Every proof of attack 28 is bypassed.
  // FIXED: the runner takes `checkpointKeys` and restores only checkpoints tagged under the key
  // store's checkpoint key (`authenticatedCheckpoints`: HMAC of the name, the position and the
  // state); an untagged or altered one is reported and the projection folds from the start. Fails
  // with the runner's checkpoints left unwrapped (`checkpointKeys: 'unauthenticated'`).
  it('a checkpoint a keyless writer points the runner at is not restored: the runner folds from the start', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const checkpoints = createEventStoreCheckpointStore(store);
    // The operator's checkpoint, saved as the runner saves it (tagged).
    const projection = statisticsProjection({ keys });
    const honest = await replay(store, projection);
    if (honest.position === undefined) throw new Error('nothing replayed');
    const tagged = authenticatedCheckpoints(checkpoints, keys);
    await tagged.save('statistics', {
      position: honest.position,
      state: await projection.snapshot(honest.state),
    });
    expect(contactsOf(honest.state, MARCH)).toEqual([1]);
    // Read back with the key, it is the operator's state and position.
    expect((await tagged.load('statistics'))?.position).toBe(honest.position);

    // The attacker copies it (plain events), sets March to 400, and points the runner at the copy.
    const saved = await checkpoints.load('statistics');
    if (saved?.state === undefined) throw new Error('no checkpoint saved');
    const state = JSON.parse(JSON.stringify(saved.state)) as {
      state: { sealed: { period: string; tables: { contacts: number } }[] };
    };
    for (const entry of state.state.sealed) if (entry.period === MARCH) entry.tables.contacts = 400;
    let sequence = 0;
    for await (const event of store.readStream('checkpoint-statistics')) {
      const opened = openEvent(event);
      if (opened.readable) sequence = (opened.data as { sequence: number }).sequence;
    }
    // Named as the store names its next checkpoint stream (it follows no other name: attack 30).
    const forgedStream = `checkpoint-statistics-${sequence + 1}`;
    await appendKeyless(store, forgedStream, [
      { id: uuid(7311), type: 'CheckpointChunk', data: { part: JSON.stringify(state) } },
      { id: uuid(7312), type: 'CheckpointSaved', data: { position: saved.position, hasState: true } },
    ]);
    await appendKeyless(store, 'checkpoint-statistics', [
      { id: uuid(7313), type: 'CheckpointPointer', data: { stream: forgedStream, sequence: sequence + 1 } },
    ]);

    const errors: unknown[] = [];
    const second = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints,
      checkpointKeys: keys,
      onError: (error) => errors.push(error),
    });
    await second.start();
    await second.whenCaughtUp();
    await second.stop();
    expect(contactsOf(second.state, MARCH)).toEqual([1]);
    expect(String(errors[0])).toMatch(/not tagged with the checkpoint key/);
  });

  it('a genuine checkpoint’s state moved to another position is not restored either', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const checkpoints = createEventStoreCheckpointStore(store);
    const projection = statisticsProjection({ keys });
    const honest = await replay(store, projection);
    if (honest.position === undefined) throw new Error('nothing replayed');
    const tagged = authenticatedCheckpoints(checkpoints, keys);
    await tagged.save('statistics', {
      position: honest.position,
      state: await projection.snapshot(honest.state),
    });
    const saved = await checkpoints.load('statistics');
    if (saved === undefined) throw new Error('no checkpoint saved');
    // The same tagged state at an earlier position: every event after it would be counted twice.
    await checkpoints.save('statistics', { position: '1', state: saved.state as JsonValue });
    expect(await tagged.load('statistics')).toBeUndefined();
  });

  // Found by the helper on the way (not an attack): a runner caught up saved twice at once
  // (`onCaughtUp` and `whenCaughtUp`); in the event store both took the same next checkpoint
  // stream, and the second deleted it as "replaced" — the checkpoint was lost. The runner now
  // saves one at a time (and the event-store checkpoint store never deletes the stream it just
  // pointed at). Fails with the runner's saves not chained (`checkpoint = saveCheckpoint`).
  it('a runner saves one checkpoint at a time, also when it catches up while `whenCaughtUp` waits', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const inner = createMemoryCheckpointStore();
    let saving = 0;
    let most = 0;
    const slow: CheckpointStore = {
      ...inner,
      async save(name, checkpoint) {
        saving += 1;
        most = Math.max(most, saving);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await inner.save(name, checkpoint);
        saving -= 1;
      },
    };
    const runner = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints: slow,
      checkpointKeys: keys,
    });
    await runner.start();
    await runner.whenCaughtUp();
    await runner.stop();
    expect(most).toBe(1);
    expect(await authenticatedCheckpoints(inner, keys).load('statistics')).toBeDefined();
  });

  // HOLDS 5. Weakened: `isProvenSeal` without `fields.tables !== tablesDigest(tables)` →
  // fails (see the header).
  it('forged tables appended to an open month before its real seal: the seal refuses, nothing is shredded, the detail still counts', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7401), type: 'SheetsSealed', data: { period: FEB, sheets: forgedSheets() } },
    ]);
    await expect(
      service.sealPeriod({ type: 'SealPeriod', commandId: uuid(602), period: FEB }),
    ).rejects.toThrow(/not written by the operator/);
    expect(await keys.get(periodKeyId(FEB))).toBeDefined();
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(state, FEB)).toEqual([3]);
    expect(state.undecryptable).toBe(0);
    expect(state.isPeriodClosed(FEB)).toBe(false);
  });

  // HOLDS 6. Weakened: `amendmentProof` without the place in its HMAC input → fails (see header).
  it('a genuine amendment re-appended at a later revision, or with an array for its proof, is not folded', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    const amended = await service.amendSheet({
      type: 'AmendSheet',
      commandId: uuid(603),
      ...sheet,
      period: MARCH,
      change: 1,
      tally: { type: 'contact', marks: { gender: 'female' } },
      reason: 'late-tally',
    });
    expect(E.isRight(amended)).toBe(true);
    const genuine = await genuineAmendment(store, MARCH);
    const proof = genuine.proof as string;
    await appendKeyless(store, `period-${MARCH}`, [
      { id: uuid(7501), type: 'SheetAmended', data: genuine },
      {
        id: uuid(7502),
        type: 'SheetAmended',
        data: { ...genuine, proof: [...Buffer.from(proof, 'latin1')] as unknown as JsonValue },
      },
    ]);
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(state, MARCH)).toEqual([2]);
  });
});
