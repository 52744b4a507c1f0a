import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { SESSION_MARKS } from './series-fixture.js';

// A session sent to two processes at once (a client retrying against another instance): one
// process has read the series, and before it reads the month's detail stream the other writes
// the same session. The month stream then holds the command id — written by this very session,
// not by another command — so the answer is the session's receipt, not COMMAND_ID_REUSED (a check
// of f20e3bb refused it; seen on PostgreSQL in CI as a flaky two-process test). Since 79d8c09 a
// session is its tally alone, and the tally's digest names the series' tag: the receipt is found.

const uuid = (n: number): string => `5e55a000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2026-02-20T10:00:00Z');

/** A store whose first read of a month's detail stream first lets `meanwhile` run. */
function storeInterruptedAtTheMonthStream(inner: EventStore, meanwhile: () => Promise<void>): EventStore {
  let interrupted = false;
  return {
    ...inner,
    readStream(stream, options) {
      return (async function* () {
        if (!interrupted && stream.startsWith('tally-2026-02-')) {
          interrupted = true;
          await meanwhile();
        }
        yield* inner.readStream(stream, options);
      })();
    },
  };
}

describe('a session written by another process while this one was deciding it', () => {
  it('is answered with its receipt, counted once, not refused as a reused command id', async () => {
    const shared = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const session = {
      type: 'RecordSession' as const,
      commandId: uuid(10),
      token: '',
      date: '2026-02-03',
      marks: SESSION_MARKS,
    };
    let elsewhere: CommandService | undefined;
    let theirs: E.Either<{ code: string }, { tallyId: string }> | undefined;
    const here = createCommandService({
      store: storeInterruptedAtTheMonthStream(shared, async () => {
        theirs = await elsewhere?.recordSession(session);
      }),
      keys,
      catalogueId: 'vaggeryd',
      clock,
    });
    elsewhere = createCommandService({ store: shared, keys, catalogueId: 'vaggeryd', clock });
    const adopted = await elsewhere.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(0),
      catalogue: vaggerydCatalogue(),
    });
    expect(E.isRight(adopted)).toBe(true);
    // The month's stream exists before the race, so `here` reads it while deciding.
    const bare = await elsewhere.tally({
      type: 'TallyContact',
      commandId: uuid(1),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2026-02-02',
      marks: { gender: 'male' },
    });
    expect(E.isRight(bare)).toBe(true);
    const opened = await here.openSeries({
      type: 'OpenSeries',
      commandId: uuid(2),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    });
    if (E.isLeft(opened)) throw new Error(opened.left.code);
    session.token = opened.right.token;

    const ours = await here.recordSession(session);
    expect(theirs !== undefined && E.isRight(theirs)).toBe(true);
    expect(E.isRight(ours) ? ours.right.tallyId : ours.left.code).toBe(uuid(10));

    const closed = await here.closeSeries({
      type: 'CloseSeries',
      commandId: uuid(3),
      token: session.token,
      reason: 'completed',
    });
    if (E.isLeft(closed)) throw new Error(closed.left.code);
    expect(closed.right.contacts).toBe(1);
  });
});
