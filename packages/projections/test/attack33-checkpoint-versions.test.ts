import {
  type CheckpointStore,
  type Cipher,
  createAesGcmCipher,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
} from '@pinnstatistik/core';
import { appendKeyless, numberedCommands } from '@pinnstatistik/core/testing';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { StatisticsCube } from '../src/cube/statistics-cube.js';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import type { Projection } from '../src/projection.js';
import { createEventStoreCheckpointStore } from '../src/runner/event-store-checkpoint-store.js';
import { createMemoryCheckpointStore } from '../src/runner/memory-checkpoint-store.js';
import { createProjectionRunner } from '../src/runner/projection-runner.js';
import { replay } from '../src/runner/replay.js';
import { contactsOf, FEB, forgeSeal, MARCH, operatorMonths } from './forged-seal-fixtures.js';

// Attack 33, against attack 29's checkpoint tag (HMAC of the runner's name, the position and the
// state under the key store's `checkpoints` key). The tag said the operator's runner saved the
// state; it did not say WHICH fold made it, nor over which store's log. Attackers: (i) a writer of
// the store and its checkpoint streams/table without keys, who keeps copies of earlier genuine
// checkpoints; (ii) the honest operator, who changes a projection's options, upgrades the library
// or moves the events to another store.
//
// BREAKS (each first run as `it.fails`, passing because the attack worked; all fixed since, the
// tests now plain — each test's comment names the figure before the fix and the weakening it
// fails with):
//  1. a checkpoint folded under `seals: 'digest-only'` restored by a `proven` runner: a forged May
//     published with 400 contacts (a full replay: none);
//  2. the same genuine checkpoint written back after the operator's `rebuild()`: May's 400 again;
//  3. a checkpoint of an earlier release's shape: `restore` threw, the runner never started;
//  4. a checkpoint sealed under a cipher the reader no longer lists: an open month silently
//     dropped (February [1] for [4]);
//  5. a checkpoint of one store resumed over an import of it (same key store, checkpoint store
//     kept): its position lies past the new store's next events — April's 3 contacts never counted;
//  6. one keyless append to the next checkpoint stream (`checkpoint-statistics-1`) made every save
//     fail (WRONG_EXPECTED_REVISION): `whenCaughtUp` and `stop` rejected, no checkpoint ever again.
// FIX: `Projection.version` (the statistics projection's: fold revision, seals, ciphers) and the
// last event applied (stream, revision, id) are kept in the tagged checkpoint; the runner restores
// one only when the version is its own and that event is at the checkpoint's position in this
// store, else tells `onError` a `CheckpointRejected` (`CHECKPOINT_OTHER_VERSION`,
// `CHECKPOINT_OTHER_LOG`) and folds from the start; the event-store checkpoint store names each
// state stream with a random nonce.
// HOLDS: the runner resumes from its own checkpoint without folding again (so the anchor costs
// nothing in the usual case); an older genuine checkpoint of the same version copied back counts
// nothing twice (attack 30's test, still green).

const MAY = '2025-05';
const APRIL = '2025-04';
const numbered = numberedCommands('a3310000');
const { uuid, contact } = numbered;

/** Runs a projection to the end of the log and stops (saving its checkpoint); returns the runner. */
async function runOnce<State>(
  store: EventStore,
  projection: Projection<State>,
  checkpoints: CheckpointStore,
  keys: KeyStore,
  errors: unknown[] = [],
) {
  const runner = createProjectionRunner({
    store,
    projection,
    checkpoints,
    checkpointKeys: keys,
    onError: (error) => errors.push(error),
  });
  await runner.start();
  await runner.whenCaughtUp();
  await runner.stop();
  return runner;
}

/** AES-256-GCM under another algorithm name: a second cipher an operator may list first. */
const aliasCipher = (): Cipher => {
  const aes = createAesGcmCipher();
  return {
    algorithm: 'aes-256-gcm-alias',
    encrypt: (key, plaintext, associatedData) => aes.encrypt(key, plaintext, associatedData),
    decrypt: (key, sealed, associatedData, into) => aes.decrypt(key, sealed, associatedData, into),
  };
};

describe('attack 33: checkpoints made by another version or option set of the projection', () => {
  // BREAK 1 (an option change). The operator's runner ran `statisticsProjection({ keys, seals:
  // 'digest-only' })` (a reader for exports, misapplied; or the seals option of a release before
  // attack 28) while a keyless forger's seal of May (400 contacts) was in the log: folded, and saved
  // in a genuine, tagged checkpoint named `statistics`. Switched to the default `proven`, the
  // runner restores that checkpoint (same name, same key) and publishes May's 400 contacts — which
  // a `proven` fold refuses (a full replay: none). Before the fix: "expected { resumed: [ 400 ],
  // replayed: [] } to deeply equal { resumed: [], replayed: [] }". Fails with `seals` left out of
  // `statisticsProjectionVersion` (statistics-projection-version.ts).
  it('a checkpoint folded under digest-only is not restored by a proven reader', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    await forgeSeal(store, numbered, MAY, 7001);
    const checkpoints = createMemoryCheckpointStore();
    const loose = await runOnce(
      store,
      statisticsProjection({ keys, seals: 'digest-only' }),
      checkpoints,
      keys,
    );
    expect(contactsOf(loose.state, MAY)).toEqual([400]);

    const errors: unknown[] = [];
    const proven = await runOnce(store, statisticsProjection({ keys }), checkpoints, keys, errors);
    const replayed = await replay(store, statisticsProjection({ keys }));
    expect({ resumed: contactsOf(proven.state, MAY), replayed: contactsOf(replayed.state, MAY) }).toEqual({
      resumed: [],
      replayed: [],
    });
    expect(contactsOf(proven.state, FEB)).toEqual([3]);
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['CHECKPOINT_OTHER_VERSION']);
  });

  // BREAK 2 (the rebuild undone). The operator saw May's 400, fixed the option and called
  // `rebuild()`: the numbers are right. The intruder, holding a copy of the earlier genuine
  // checkpoint (a backup of the checkpoint table, or the `checkpoint-statistics-{n}` stream it
  // read), writes it back; the next start restores it and May's 400 are published again. Before
  // the fix: "expected [ 400 ] to deeply equal []". Fails with the same weakening as BREAK 1.
  it('a genuine checkpoint from before a rebuild under other options, written back, is not restored', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    await forgeSeal(store, numbered, MAY, 7101);
    const checkpoints = createMemoryCheckpointStore();
    await runOnce(store, statisticsProjection({ keys, seals: 'digest-only' }), checkpoints, keys);
    const copied = await checkpoints.load('statistics'); // the intruder's copy
    if (copied === undefined) throw new Error('no checkpoint saved');

    const fixed = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints,
      checkpointKeys: keys,
    });
    await fixed.start();
    await fixed.rebuild();
    await fixed.whenCaughtUp();
    await fixed.stop();
    expect(contactsOf(fixed.state, MAY)).toEqual([]);

    await checkpoints.save('statistics', copied);
    const next = await runOnce(store, statisticsProjection({ keys }), checkpoints, keys);
    expect(contactsOf(next.state, MAY)).toEqual([]);
  });

  // BREAK 3 (a library upgrade that changed the checkpoint's shape). An earlier release kept the
  // cube's snapshot as is (`{ catalogues, sheets, … }`, no `sealed`/`open`): the current
  // `restore` reads `saved.sealed` and throws "… is not iterable" — `start()` rejects at every
  // start, and a runner recovering from a fault loops on it: no statistics at all until someone
  // finds and deletes the checkpoint by hand. Before the fix: "threw: TypeError: saved.sealed is
  // not iterable". Fails with `openRunnerCheckpoint` (runner-checkpoint.ts) not comparing versions.
  it('a checkpoint of an earlier release’s shape makes the runner fold from the start, not fail', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const checkpoints = createMemoryCheckpointStore();
    const current = statisticsProjection({ keys });
    const earlier: Projection<StatisticsCube> = {
      ...current,
      version: 'statistics@earlier-release',
      snapshot: (cube) => cube.snapshot() as never,
    } as Projection<StatisticsCube>;
    await runOnce(store, earlier, checkpoints, keys);

    const errors: unknown[] = [];
    const started = await runOnce(store, statisticsProjection({ keys }), checkpoints, keys, errors).then(
      (runner) => ({ feb: contactsOf(runner.state, FEB), march: contactsOf(runner.state, MARCH) }),
      (error: unknown) => `threw: ${String(error)}`,
    );
    expect(started).toEqual({ feb: [3], march: [1] });
  });

  // BREAK 4 (a cipher option changed: silent undercount). The operator listed a second cipher first
  // (`ciphers: [other, aes]`): the checkpoint seals each open month's sheets under `other`. Back
  // on the default ciphers, `restore` finds no sealer for that algorithm, takes it for "the period
  // was sealed after the checkpoint" and drops the open month's sheets: February's 3 contacts are
  // gone, and only what is tallied after the checkpoint is counted. Before the fix: "expected [ 1 ]
  // to deeply equal [ 4 ]". Fails with `ciphers` left out of `statisticsProjectionVersion`.
  it('a checkpoint sealed under a cipher the reader no longer lists does not drop the open months', async () => {
    const { store, keys, service } = await operatorMonths(numbered, { sealMarch: true });
    const checkpoints = createMemoryCheckpointStore();
    const withAlias = statisticsProjection({ keys, ciphers: [aliasCipher(), createAesGcmCipher()] });
    const first = await runOnce(store, withAlias, checkpoints, keys);
    expect(contactsOf(first.state, FEB)).toEqual([3]);

    expect(E.isRight(await service.tally(contact(4, '2025-02-12')))).toBe(true);
    const second = await runOnce(store, statisticsProjection({ keys }), checkpoints, keys);
    expect(contactsOf(second.state, FEB)).toEqual([4]);
  });

  // Store identity. The operator moves the events to a new database (an export imported with the
  // same key store — it needs the period keys) and keeps the checkpoint store. The new store's
  // positions are denser (no checkpoint streams, no shredded detail), so the checkpoint's position
  // lies past events the new store writes next. Before the fix: "expected { feb: [ 3 ], march:
  // [ 1 ], april: [] } …" — April's 3 new contacts skipped. Fails with `anchorHolds`
  // (checkpoint-anchor.ts) answering true.
  it('a checkpoint of one event store restored over another (an import of it) skips nothing', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const checkpoints = createMemoryCheckpointStore();
    await runOnce(store, statisticsProjection({ keys }), checkpoints, keys);

    const moved = createMemoryEventStore();
    for await (const event of store.readAll()) {
      if (event.stream.startsWith('checkpoint-')) continue;
      const { id, type, data, metadata } = event;
      const result = await moved.append(event.stream, [{ id, type, data, metadata }], {
        expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
      });
      expect(E.isRight(result)).toBe(true);
    }
    const service = createCommandService({
      store: moved,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock('2025-04-20T08:00:00Z'),
    });
    for (let n = 60; n <= 62; n += 1)
      expect(E.isRight(await service.tally(contact(n, '2025-04-11')))).toBe(true);
    const errors: unknown[] = [];
    const resumed = await runOnce(moved, statisticsProjection({ keys }), checkpoints, keys, errors);
    expect({
      feb: contactsOf(resumed.state, FEB),
      march: contactsOf(resumed.state, MARCH),
      april: contactsOf(resumed.state, APRIL),
    }).toEqual({ feb: [3], march: [1], april: [3] });
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['CHECKPOINT_OTHER_LOG']);
  });

  // HOLDS. The anchor is the last event applied and the checkpoint's position is its position (not
  // that of a checkpoint event seen after it, whose stream the next save deletes). Fails with the
  // runner saving its live `position` (projection-runner.ts `saveCheckpoint`): "CHECKPOINT_OTHER_LOG"
  // told and the whole log folded again.
  it('a runner resumes from its own checkpoint in the event store without folding again or telling of any rejection', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    const checkpoints = createEventStoreCheckpointStore(store);
    let applied = 0;
    const counting = (): Projection<StatisticsCube> => {
      const inner = statisticsProjection({ keys });
      return {
        ...inner,
        apply: (cube, event) => {
          applied += 1;
          return inner.apply(cube, event);
        },
      };
    };
    const errors: unknown[] = [];
    await runOnce(store, counting(), checkpoints, keys, errors);
    expect(applied).toBeGreaterThan(0);
    applied = 0;
    const resumed = await runOnce(store, counting(), checkpoints, keys, errors);
    expect({ applied, errors, feb: contactsOf(resumed.state, FEB) }).toEqual({
      applied: 0,
      errors: [],
      feb: [3],
    });
  });

  // BREAK 6. `checkpoint-{name}-{sequence}` was predictable: written first by anyone who can append,
  // every save after failed on it. Before the fix: "threw: Error: could not save the checkpoint in
  // checkpoint-statistics-1: WRONG_EXPECTED_REVISION". Fails with the nonce left out of
  // `stateStream` (event-store-checkpoint-store.ts).
  it('a checkpoint stream the attacker created first does not stop the runner', async () => {
    const { store, keys } = await operatorMonths(numbered, { sealMarch: true });
    // The runner's first save takes `checkpoint-statistics-1`: the attacker writes it first.
    await appendKeyless(store, 'checkpoint-statistics-1', [
      { id: uuid(7301), type: 'CheckpointSaved', data: { position: '1', hasState: false } },
    ]);
    const errors: unknown[] = [];
    const outcome = await runOnce(
      store,
      statisticsProjection({ keys }),
      createEventStoreCheckpointStore(store),
      keys,
      errors,
    ).then(
      (runner) => contactsOf(runner.state, FEB),
      (error: unknown) => `threw: ${String(error)}`,
    );
    expect(outcome).toEqual([3]);
  });
});
