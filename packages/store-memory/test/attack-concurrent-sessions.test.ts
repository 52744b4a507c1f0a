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
import { ok } from './answers.js';

// A session now writes on the series as `openable` first read it (d2a9ec2), possibly from what
// this process kept of it (33ea087), trusting the expected revision to catch anything since.
// Attacked here: many sessions at once on two series of råd och stöd (at most 5 contacts each)
// that share one sheet, from two processes sharing the store, every session sent twice (a
// client retrying). Never more than 5 sessions on a series, never one counted twice, never a
// session without its tally or a tally without its session.

const uuid = (n: number): string => `c0c0a000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2026-02-20T10:00:00Z');
const marks = {
  gender: 'female',
  childAges: [7],
  numberOfChildren: 1,
  problemArea: 'parenting',
  routeIn: 'school',
  furtherAction: 'none',
};

async function twoProcesses(store: EventStore): Promise<CommandService[]> {
  const keys = createMemoryKeyStore();
  const make = () =>
    createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, maxConflictRetries: 60 });
  const processes = [make(), make()];
  await ok(
    (processes[0] as CommandService).adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(0),
      catalogue: vaggerydCatalogue(),
    }),
  );
  return processes;
}

/** A series opened, with one session recorded from the other process and read here (both now hold it). */
async function heldSeries(processes: readonly CommandService[], base: number): Promise<string> {
  const [here, elsewhere] = processes as [CommandService, CommandService];
  const { token } = await ok(
    here.openSeries({
      type: 'OpenSeries',
      commandId: uuid(base),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    }),
  );
  await ok(
    elsewhere.recordSession({
      type: 'RecordSession',
      commandId: uuid(base + 1),
      token,
      date: '2026-02-02',
      marks,
    }),
  );
  await ok(here.readNotes({ token }));
  return token;
}

/** Twelve sessions on a series, each sent twice (a client retrying), from either process at once. */
function rush(processes: readonly CommandService[], token: string, base: number) {
  const [here, elsewhere] = processes as [CommandService, CommandService];
  return Array.from({ length: 24 }, (_, n) =>
    (n % 2 === 0 ? here : elsewhere)
      .recordSession({
        type: 'RecordSession',
        commandId: uuid(base + 100 + (n % 12)),
        token,
        date: `2026-02-${String(3 + (n % 12)).padStart(2, '0')}`,
        marks,
      })
      .then((answer) => ({ n: n % 12, answer })),
  );
}

describe('sessions at once on series of at most 5 contacts, from two processes', () => {
  it('never record more than 5 on a series, never one twice, never a session without its tally', async () => {
    const store = createMemoryEventStore();
    const processes = await twoProcesses(store);
    const [here, elsewhere] = processes as [CommandService, CommandService];
    // Two series on one sheet (råd och stöd at Mötesplats, February): their sessions meet on it too.
    const tokens = [await heldSeries(processes, 10_000), await heldSeries(processes, 20_000)];
    const answers = await Promise.all([
      ...rush(processes, tokens[0] as string, 10_000),
      ...rush(processes, tokens[1] as string, 20_000),
    ]);
    for (const [series, token] of tokens.entries()) {
      const mine = answers.slice(24 * series, 24 * (series + 1));
      const recorded = new Map<number, unknown[]>();
      for (const { n, answer } of mine) {
        if (E.isLeft(answer)) expect(answer.left.code).toBe('SERIES_LIMIT_REACHED');
        else recorded.set(n, [...(recorded.get(n) ?? []), answer.right.eventIds]);
      }
      // One session before the rush and four in it: the fifth contact is the limit.
      expect(recorded.size).toBe(4);
      // A retry that got through was answered with its first send's very receipt.
      for (const receipts of recorded.values())
        for (const receipt of receipts) expect(receipt).toEqual(receipts[0]);
      const closed = await ok(
        (series === 0 ? here : elsewhere).closeSeries({
          type: 'CloseSeries',
          commandId: uuid(90 + series),
          token,
          reason: 'completed',
        }),
      );
      expect(closed.contacts).toBe(5);
    }
    // The sheet holds exactly the ten sessions' tallies and the two series' ends.
    const sheet = [];
    for await (const event of store.readAll())
      if (event.stream.startsWith('tally-2026-02-')) sheet.push(event.stream);
    expect(new Set(sheet).size).toBe(1);
    expect(sheet).toHaveLength(12);
  });
});
