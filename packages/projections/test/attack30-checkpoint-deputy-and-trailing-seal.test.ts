import type { EventStore } from '@pinnstatistik/core';
import { ATTACKED_SHEET, appendKeyless, numberedCommands } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { authenticatedCheckpoints } from '../src/runner/authenticated-checkpoints.js';
import { createEventStoreCheckpointStore } from '../src/runner/event-store-checkpoint-store.js';
import { createMemoryCheckpointStore } from '../src/runner/memory-checkpoint-store.js';
import { createProjectionRunner } from '../src/runner/projection-runner.js';
import { replay } from '../src/runner/replay.js';
import {
  contactsOf,
  FEB,
  forgedSheets,
  MARCH,
  operatorMonths,
  seriesWithNoteInMarch,
} from './forged-seal-fixtures.js';

// Attack 30, against attack 29's fix (authenticated checkpoints; "only proven seals count" in the
// service). The attacker writes plain events with valid hash chains (`appendKeyless`) and can read
// and copy everything stored; the operator's key store is out of reach.
//
// Verdicts: two BREAKS, each first written as `it.fails` and fixed since — (1) a forged checkpoint
// pointer made the runner's next save delete any stream it named (a sealed month's tables: its
// statistics lost for good); (2) one event appended after a month's proven seal made the service
// take the month as unsealed (no corrections, no series closing — notes kept past their end).
// HOLDS: a genuine tagged checkpoint of another projection name is not restored; an older genuine
// one of its own is a state and position that belong together and counts nothing twice.

const numbered = numberedCommands('a3010000');
const { uuid, contact } = numbered;
const sheet = ATTACKED_SHEET;

async function streamLength(store: EventStore, stream: string): Promise<number> {
  let n = 0;
  for await (const _ of store.readStream(stream)) n += 1;
  return n;
}

describe('attack 30: checkpoints as a deputy, replayed checkpoints, and the trailing forged seal', () => {
  // BREAK 1 (confused deputy). `createEventStoreCheckpointStore.save` (event-store-checkpoint-store.ts,
  // `save`: `if (replaced?.stream !== undefined && replaced.stream !== stream) await
  // store.deleteStreams([replaced.stream])`, and `reset` likewise) deletes whatever stream the LAST
  // event of `checkpoint-{name}` names — and that pointer is a plain event anyone who can write to
  // the store can append. The authentication of attack 29 guards `load` only: the forged pointer is
  // rejected as a checkpoint, but the next save still trusts it as "the checkpoint it replaces" and
  // deletes the stream it names, with the runner's rights. An attacker who can only append thus
  // gets `deleteStreams` on any stream: here `period-2025-03`, the operator's proven seal and the
  // sealed tables of March — whose detail and key the seal already destroyed, so March's statistics
  // are gone for good (every later replay and rebuild publishes nothing for March). Equally a
  // catalogue stream, an open month's sheet, a series, the release log.
  // Fix: never delete a stream because a pointer read back names it — delete only a stream this
  // store can show it wrote for this projection: the name must be exactly
  // `checkpoint-{name}-{sequence}` with the pointer's own sequence (and a tagged pointer, or the
  // pointer's hash/sequence remembered in memory from this process's own previous save); better,
  // keep the checkpoint-stream name derivation the only source of names to delete.
  // FIXED (first written as `it.fails`): the event-store checkpoint store follows and deletes only
  // `checkpoint-{name}-{sequence}` derived from the pointer's own sequence (`streamOf`). Fails
  // with `streamOf` returning `pointer.stream` unchecked.
  it('a forged checkpoint pointer does not make the runner delete a stream the operator wrote', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    expect(await streamLength(store, `period-${MARCH}`)).toBeGreaterThan(0);
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, MARCH)).toEqual([1]);

    // The attacker's one event: a pointer naming the sealed month's public stream.
    await appendKeyless(store, 'checkpoint-statistics', [
      { id: uuid(7001), type: 'CheckpointPointer', data: { stream: `period-${MARCH}`, sequence: 1 } },
    ]);

    const errors: unknown[] = [];
    const runner = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints: createEventStoreCheckpointStore(store),
      checkpointKeys: keys,
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await runner.whenCaughtUp();
    await runner.stop();
    // The forged pointer names a stream with no `CheckpointSaved`: `load` finds no checkpoint there
    // and says nothing (`errors` stays empty); the first save then deletes the stream it named.
    expect(errors).toEqual([]);
    const after = contactsOf((await replay(store, statisticsProjection({ keys }))).state, MARCH);
    expect({ length: await streamLength(store, `period-${MARCH}`), after }).toEqual({
      length: 2,
      after: [1],
    });
  });

  // HOLDS. A genuine tagged checkpoint of another projection name copied to this one's slot is not
  // restored (the tag binds the name); one copied back from earlier (state and position of one
  // save) rolls the runner back but never counts twice: the events after it are folded again from
  // its position. Weakenings tried (product code edited in the worktree, the test run, restored):
  //  (a) `tagOf` in authenticated-checkpoints.ts HMACing `{ position, hasState, state }` without
  //      `projection` → Fails with: "Error: the checkpoint of 2025-02 does not open under its key"
  //      (the copied state is restored; only its open month, sealed under a context naming the
  //      other projection, stops the runner's start — its sealed months, March at 400, are in clear).
  //  (b) `resume` in projection-runner.ts subscribing from the start though it restored a state
  //      (`position = undefined` after `restore`) → Fails with: "expected [ 6 ] to deeply equal [ 3 ]"
  //      (older checkpoint: February counted twice).
  it('a genuine checkpoint of another name, or an older one of its own, publishes the honest numbers', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    const checkpoints = createMemoryCheckpointStore();
    const tagged = authenticatedCheckpoints(checkpoints, keys);
    // Another projection (a test or staging runner the operator keys with the same key store), whose
    // state the attacker can make anything it likes by writing to the store it reads: March at 400.
    const other = statisticsProjection({ keys, name: 'statistics-staging' });
    const staging = await replay(store, other);
    const edited = JSON.parse(JSON.stringify(await other.snapshot(staging.state))) as {
      sealed: { period: string; tables: { contacts: number } }[];
    };
    for (const entry of edited.sealed) if (entry.period === MARCH) entry.tables.contacts = 400;
    if (staging.position === undefined) throw new Error('nothing replayed');
    await tagged.save('statistics-staging', { position: staging.position, state: edited as never });
    // The attacker copies the row (it can read and write the checkpoint table) to `statistics`.
    const copied = await checkpoints.load('statistics-staging');
    if (copied === undefined) throw new Error('no checkpoint');
    await checkpoints.save('statistics', copied);

    const first = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints,
      checkpointKeys: keys,
    });
    await first.start();
    await first.whenCaughtUp();
    await first.stop();
    expect(contactsOf(first.state, MARCH)).toEqual([1]);

    // An older genuine checkpoint of its own, kept by the attacker and copied back after more tallies.
    const older = await checkpoints.load('statistics');
    if (older === undefined) throw new Error('no checkpoint');
    for (let n = 60; n <= 62; n += 1)
      expect(E.isRight(await service.tally(contact(n, '2025-04-11')))).toBe(true);
    const second = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints,
      checkpointKeys: keys,
    });
    await second.start();
    await second.whenCaughtUp();
    await second.stop();
    await checkpoints.save('statistics', older);
    const third = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints,
      checkpointKeys: keys,
    });
    await third.start();
    await third.whenCaughtUp();
    await third.stop();
    expect({
      feb: contactsOf(third.state, FEB),
      march: contactsOf(third.state, MARCH),
      april: contactsOf(third.state, '2025-04'),
    }).toEqual({ feb: [3], march: [1], april: [3] });
  });

  // BREAK 2 (a really sealed month made "unsealed" for the service). `evolvePeriod`
  // (core/src/sealing/period-state.ts, lines 33–35) appends EVERY `SheetsSealed` to `tables`, also
  // one after the seal, and takes the LAST `PeriodSealed` as `seal`; `isProvenSealed`
  // (service/proven-seal.ts) then checks that seal against all the tables. One keyless event
  // appended after the operator's genuine seal — tables (or a seal) of the attacker's — and the
  // operator's proven seal no longer proves: `PeriodLoader.isSealed` answers false for a month the
  // operator sealed (its detail shredded, its key destroyed). The projection is not fooled (it
  // ignores tables and seals after a month closed), but the service is:
  //  - `amendSheet` refuses every correction of that month (PERIOD_NOT_SEALED): published numbers
  //    can no longer be corrected;
  //  - `closeSeries` of a series whose last session was in that month picks the month as "open"
  //    (series-closer.ts `markEnd`, `!(await periods.isSealed(lastContactMonth))`), the sheet
  //    opener then meets the (unproven) seal and throws IntegrityError — the close never completes,
  //    so the series' stream, its notes (free text about a person) and its key outlive the
  //    closing/expiry meant to destroy them (a retention breach the attacker triggers at will);
  //  - tallying into it throws IntegrityError instead of refusing SHEET_SEALED.
  // Fix: fold a period's state as the projection does — tables only before the first seal, and the
  // first `PeriodSealed` only (ignore every `SheetsSealed`/`PeriodSealed` after it); or have
  // `isProvenSealed` look for ANY proven seal over the tables that preceded it (remember each seal
  // with the tables before it), so events appended after a proven seal cannot unprove it.
  // FIXED (both first written as `it.fails`): `evolvePeriod` ignores every event after the first
  // `PeriodSealed`. Both fail with that line (`if (state.sealed) return state;`) removed.
  it('a keyless event after the operator’s real seal does not stop the operator amending the month', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    await appendKeyless(store, `period-${MARCH}`, [
      { id: uuid(7101), type: 'SheetsSealed', data: { period: MARCH, sheets: forgedSheets() } },
    ]);
    // The projection still publishes March as sealed with its one contact.
    expect(contactsOf((await replay(store, statisticsProjection({ keys }))).state, MARCH)).toEqual([1]);
    const amended = await service.amendSheet({
      type: 'AmendSheet',
      commandId: uuid(601),
      ...sheet,
      period: MARCH,
      change: 1,
      tally: { type: 'contact', marks: { gender: 'female' } },
      reason: 'late-tally',
    });
    // Before the fix: Left PERIOD_NOT_SEALED.
    expect(E.isRight(amended) ? 'amended' : amended.left.code).toBe('amended');
  });

  it('a keyless event after the operator’s real seal does not stop a series from being closed (and its notes destroyed)', async () => {
    const { store, service, token, setNow } = await seriesWithNoteInMarch(numbered);
    setNow('2025-04-20T08:00:00Z');
    const sealed = await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(803), period: MARCH });
    expect(E.isRight(sealed) ? 'sealed' : sealed.left.code).toBe('sealed');
    // The attacker's one event after the operator's proven seal.
    await appendKeyless(store, `period-${MARCH}`, [
      { id: uuid(7201), type: 'SheetsSealed', data: { period: MARCH, sheets: forgedSheets() } },
    ]);
    const closing = await service
      .closeSeries({ type: 'CloseSeries', commandId: uuid(804), token, reason: 'completed' })
      .then(
        (outcome) => (E.isRight(outcome) ? 'closed' : outcome.left.code),
        (error: unknown) => `threw: ${String(error)}`,
      );
    // Today: "threw: IntegrityError: … the period’s seal or its tables were not written by the operator …"
    expect(closing).toBe('closed');
  });
});
