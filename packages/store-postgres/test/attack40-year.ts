// Attack 40 harness: attack 13's scheduled year (the operator's real schedule: the nightly
// `series expire` with a checkpoint when it closed any, each month sealed on the 16th of the next)
// recorded on PostgreSQL, events and keys in one database (as many operators will). Ground truth
// (which series had which sessions) is kept by a wrapper around the service, never by the attack.
import {
  type CommandService,
  createCommandService,
  fixedClock,
  normaliseSeriesToken,
  seededRandom,
  seriesStreamOf,
  vaggerydCatalogue,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { createPostgresEventStore } from '../src/index.js';

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let serial = 0;
const freshId = (): string => {
  serial += 1;
  return `a40a40a4-0000-4000-8000-${String(serial).padStart(12, '0')}`;
};

/** What the operator knows of a series (ground truth: never used by an attack). */
export interface SeriesTruth {
  readonly interventionId: string;
  readonly unitId: string;
  readonly sessions: string[]; // dates
  /** The day it was opened (the order of the map is the order of the openings). */
  readonly openedOn: string;
}

export async function scheduledPostgresYear(options: {
  url: string;
  schema: string;
  volume: number;
  seed?: number;
}) {
  const { url, schema, volume, seed = 42 } = options;
  const timeouts = { connectTimeoutMs: 120_000, statementTimeoutMs: 120_000, queryTimeoutMs: 180_000 };
  const store = await createPostgresEventStore({ connection: url, schema, ...timeouts });
  // Keys in memory: the PostgreSQL key store stalled this schedule's nightly expiry on its pool
  // (every connection waiting) under the shared machine's load. Its transactions would only add
  // to the xid gaps the attacker reads.
  const keys = createMemoryKeyStore();
  const catalogue = vaggerydCatalogue();
  const make = (at: string): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: catalogue.id,
      clock: fixedClock(at),
      random: seededRandom(seed),
      keyRecheckMs: 100,
    });
  let current = make('2025-01-01T08:00:00Z');
  let today = '2025-01-01';
  const adopted = await current.adoptCatalogue({ type: 'AdoptCatalogue', commandId: freshId(), catalogue });
  if (adopted._tag === 'Left') throw new Error(adopted.left.code);

  const truth = new Map<string, SeriesTruth>(); // series stream → truth
  const streamOfToken = new Map<string, string>();
  const alias = new Map<string, string>();
  const streamOf = (token: string) => seriesStreamOf(normaliseSeriesToken(token) as string);
  const proxy: CommandService = {
    adoptCatalogue: (c) => current.adoptCatalogue(c),
    tally: (c) => current.tally(c),
    sealPeriod: (c) => current.sealPeriod(c),
    amendSheet: (c) => current.amendSheet(c),
    expireSeries: () => current.expireSeries(),
    catalogueInForceOn: (d) => current.catalogueInForceOn(d),
    writeNote: (c) => current.writeNote(c),
    readNotes: (c) => current.readNotes(c),
    openSeries: async (c) => {
      const opened = await current.openSeries(c);
      if (opened._tag === 'Right') {
        const stream = streamOf(opened.right.token);
        streamOfToken.set(opened.right.token, stream);
        truth.set(stream, {
          interventionId: c.interventionId,
          unitId: c.unitId,
          sessions: [],
          openedOn: today,
        });
      }
      return opened;
    },
    recordSession: async (c) => {
      const token = alias.get(c.token) ?? c.token;
      let recorded = await current.recordSession({ ...c, token });
      if (recorded._tag === 'Left' && recorded.left.code === 'SERIES_CLOSED') {
        const was = truth.get(streamOfToken.get(token) as string) as SeriesTruth;
        const opened = await proxy.openSeries({
          type: 'OpenSeries',
          commandId: freshId(),
          interventionId: was.interventionId,
          unitId: was.unitId,
        });
        if (opened._tag === 'Left') throw new Error(opened.left.code);
        alias.set(c.token, opened.right.token);
        recorded = await current.recordSession({ ...c, token: opened.right.token });
      }
      if (recorded._tag === 'Right')
        truth.get(streamOfToken.get(alias.get(c.token) ?? c.token) as string)?.sessions.push(c.date);
      return recorded;
    },
    closeSeries: (c) => current.closeSeries({ ...c, token: alias.get(c.token) ?? c.token }),
  };
  const recorder = createCommandRecorder(proxy, catalogue, seed);
  const commands = seededYear({ catalogue, year: 2025, seed, volume });
  const byDay = new Map<string, typeof commands>();
  let last = '2025-01-01';
  for (const command of commands) {
    const date = 'date' in command ? command.date : last;
    last = date;
    byDay.set(date, [...(byDay.get(date) ?? []), command]);
  }
  const sealed = new Set<string>();
  for (let day = '2025-01-01'; day <= '2026-06-30'; day = addDays(day, 1)) {
    today = day;
    const night = `${day}T01:00:00Z`;
    const job = make(night);
    const previous = addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
    if (
      Number(day.slice(8, 10)) >= 16 &&
      previous >= '2025-01' &&
      previous <= '2025-12' &&
      !sealed.has(previous)
    ) {
      const done = await job.sealPeriod({ type: 'SealPeriod', commandId: freshId(), period: previous });
      if (done._tag === 'Left') throw new Error(`sealing ${previous} on ${day}: ${done.left.code}`);
      sealed.add(previous);
    }
    const { expired, open } = await job.expireSeries();
    if (expired > 0) await writeLogCheckpoint({ store, keys, clock: fixedClock(night) });
    const work = byDay.get(day) ?? [];
    if (work.length > 0) {
      current = make(`${day}T12:00:00Z`);
      for (const command of work) await recorder.record(command);
    }
    if (day > '2026-01-16' && open === 0 && sealed.size === 12) break;
  }
  return { store, keys, catalogue, truth };
}
