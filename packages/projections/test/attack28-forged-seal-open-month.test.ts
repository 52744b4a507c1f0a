import {
  emptySheetTables,
  openEvent,
  periodKeyId,
  readSealedPeriod,
  readSealProofKey,
} from '@pinnstatistik/core';
import { ATTACKED_SHEET, appendKeyless, numberedCommands } from '@pinnstatistik/core/testing';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { replay } from '../src/runner/replay.js';
import { contactsOf, FEB, forgeSeal, MARCH, operatorMonths } from './forged-seal-fixtures.js';

// Attack 28, on the statistics projection: a writer without keys (plain write access to the
// store) appends to an *open* month's period stream a table of 400 contacts and a `PeriodSealed`
// over it — the digest is a SHA-256 anyone can compute, the proof a guess. The projection folded
// any tables in a period's own stream before its seal: it published the forged 400 in place of
// the month's real contacts and forgot the month's key, so the month's next tallies were counted
// as undecryptable (not counted). Now the tables wait for their seal, and the seal must hold —
// its proof under the key store's seal-proof key, or, before any seal made that key, it is forged
// whenever the reader holds the month's key. And `SheetAmended` (a sealed month's correction,
// folded into published numbers) was folded whoever wrote it: now it carries a proof of its
// fields and of the place (stream, revision) it was written at, so a forged one and a genuine
// one copied are both left out.
//
// Fails with (each tried): the tables folded as they are read (the projection before this fix);
// the proof not checked (`isSealOverTables` in place of `isProvenSealOf`); a missing seal-proof
// key taken as "cannot tell" while the month's key is held; amendments folded as read; an
// amendment's proof not binding its place (the genuine one copied is counted twice).

const numbered = numberedCommands('a2810000');
const { uuid, contact } = numbered;
const sheet = ATTACKED_SHEET;

describe('attack 28: a seal a keyless writer forges in an open month is not folded by the statistics projection', () => {
  it('after the operator’s first seal: the month keeps its real contacts and its key, and the next tally counts', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, FEB)).toEqual([3]);

    await forgeSeal(store, numbered, FEB, 7001);
    expect(E.isRight(await service.tally(contact(4, '2025-02-11')))).toBe(true);

    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(state, FEB)).toEqual([4]);
    expect(state.undecryptable).toBe(0);
    // March, genuinely sealed, is still read from its tables.
    expect(contactsOf(state, MARCH)).toEqual([1]);
    expect([...state.sheets()].find((entry) => entry.period === MARCH)?.sealed).toBe(true);
  });

  it('before any seal (no seal-proof key yet): a reader that holds the month’s key refuses the seal', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: false });
    await forgeSeal(store, numbered, FEB, 7101);
    expect(E.isRight(await service.tally(contact(4, '2025-02-11')))).toBe(true);
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(state, FEB)).toEqual([4]);
    expect(state.undecryptable).toBe(0);
  });

  it('a forged seal in an open month blocks its real seal (refused, nothing shredded), and the month’s detail still counts', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    await forgeSeal(store, numbered, FEB, 7201);
    // The forged seal stands first in February's stream: the seal refuses to act on the month.
    await expect(
      service.sealPeriod({ type: 'SealPeriod', commandId: uuid(501), period: FEB }),
    ).rejects.toThrow(/not written by the operator/);
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(state, FEB)).toEqual([3]);
  });

  it('a checkpoint taken between a genuine seal’s tables and the seal keeps the tables, and the seal folds them after a restore', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: false });
    const sealed = await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(502), period: FEB });
    expect(E.isRight(sealed)).toBe(true);
    const events = [];
    for await (const event of store.readAll()) events.push(event);
    const sealAt = events.findIndex((event) => event.type === 'PeriodSealed');
    const projection = statisticsProjection({ keys });
    let cube = projection.initial();
    for (const event of events.slice(0, sealAt)) cube = await projection.apply(cube, event);
    const checkpoint = await projection.snapshot(cube);
    const fresh = statisticsProjection({ keys });
    let restored = await fresh.restore(checkpoint);
    for (const event of events.slice(sealAt)) restored = await fresh.apply(restored, event);
    expect(contactsOf(restored, FEB)).toEqual([3]);
    expect([...restored.sheets()].find((entry) => entry.period === FEB)?.sealed).toBe(true);
  });

  it('a reader given no keys folds a seal only over the tables it hashes', async () => {
    const { store } = await operatorMonths(numbered, { sealMarch: true });
    // Tables cut from a genuine seal: a reader with no keys sees the digest no longer holds.
    await appendKeyless(store, 'period-2025-05', [
      {
        id: uuid(7301),
        type: 'PeriodSealed',
        data: {
          period: '2025-05',
          keyId: periodKeyId('2025-05'),
          sheets: 1,
          deleted: [],
          tables: 'ff'.repeat(32),
        },
      },
    ]);
    const { state } = await replay(
      store,
      statisticsProjection({ keys: createMemoryKeyStore(), seals: 'digest-only' }),
    );
    expect(contactsOf(state, MARCH)).toEqual([1]);
    expect(state.isPeriodClosed('2025-05')).toBe(false);
  });

  it('an amendment a keyless writer appends, or a genuine one copied (within its month or to another), is not folded', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    const amended = await service.amendSheet({
      type: 'AmendSheet',
      commandId: uuid(600),
      ...sheet,
      period: MARCH,
      change: 1,
      tally: { type: 'contact', marks: { gender: 'female' } },
      reason: 'late-tally',
    });
    expect(E.isRight(amended)).toBe(true);
    const sealedFeb = await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(601), period: FEB });
    expect(E.isRight(sealedFeb)).toBe(true);
    const honest = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(honest.state, MARCH)).toEqual([2]);
    expect(contactsOf(honest.state, FEB)).toEqual([3]);

    let genuine: Record<string, unknown> | undefined;
    for await (const event of store.readStream(`period-${MARCH}`))
      if (event.type === 'SheetAmended') {
        const opened = openEvent(event);
        if (opened.readable) genuine = { ...(opened.data as Record<string, unknown>) };
      }
    if (genuine === undefined) throw new Error('no amendment read back');
    const forgedDelta = { ...emptySheetTables(), contacts: 400, marginals: { gender: { female: 400 } } };
    await appendKeyless(store, `period-${MARCH}`, [
      { id: uuid(7401), type: 'SheetAmended', data: genuine }, // the genuine one, counted twice
      { id: uuid(7402), type: 'SheetAmended', data: { ...genuine, delta: forgedDelta } },
      { id: uuid(7403), type: 'SheetAmended', data: { ...genuine, proof: undefined, delta: forgedDelta } },
    ]);
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7404), type: 'SheetAmended', data: { ...genuine, period: FEB } },
    ]);
    const after = await replay(store, statisticsProjection({ keys }));
    expect(contactsOf(after.state, MARCH)).toEqual([2]);
    expect(contactsOf(after.state, FEB)).toEqual([3]);

    // The public read, given the proof key, hands back the genuine amendment once and says the seal holds.
    const proofKey = await readSealProofKey(keys);
    if (proofKey === undefined) throw new Error('no seal-proof key after a seal');
    const march = await readSealedPeriod(store, MARCH, { proofKey });
    expect(march.proven).toBe(true);
    expect(march.amendments.map((amendment) => amendment.delta.contacts)).toEqual([1]);
    expect((await readSealedPeriod(store, FEB, { proofKey })).amendments).toEqual([]);
    // Without it, nothing is checked (and the record says so: no `proven`).
    const unchecked = await readSealedPeriod(store, MARCH);
    expect(unchecked.proven).toBeUndefined();
    expect(unchecked.amendments).toHaveLength(4);
  });

  it('the public read of a month given the proof key says a forged seal does not hold', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    await forgeSeal(store, numbered, FEB, 7501);
    const proofKey = await readSealProofKey(keys);
    if (proofKey === undefined) throw new Error('no seal-proof key after a seal');
    const february = await readSealedPeriod(store, FEB, { proofKey });
    expect(february.seal).toBeDefined();
    expect(february.proven).toBe(false);
    expect((await readSealedPeriod(store, MARCH, { proofKey })).proven).toBe(true);
  });
});
