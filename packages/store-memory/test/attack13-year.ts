// Attack 13 harness: the seeded year of attack 11/12 recorded day by day under the operator's real
// schedule (docs/privacy-at-rest.md "What an operator must schedule"): every night the daily job
// `pinnstatistik series expire` (`expireSeries()` then `writeLogCheckpoint`, as the CLI does it),
// and each month sealed on the 16th of the next (a seal signs a checkpoint too). Only the final
// copy is handed to the attacker. Ground truth (which series had which sessions, at which
// intervention and unit) is kept by a wrapper around the service, never by the attack.
import {
  type CommandService,
  fixedClock,
  normaliseSeriesToken,
  type RecordedEvent,
  seriesStreamOf,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { collect, createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import { attackedStore, freshId } from './attack11-year.js';

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What the operator knows of a series (ground truth: never used by an attack). */
export interface SeriesTruth {
  readonly interventionId: string;
  readonly unitId: string;
  readonly sessions: string[]; // dates
}

export type CheckpointPolicy =
  /** As the CLI's `series expire` does it: a checkpoint only on nights something expired. */
  | 'cli'
  /** A checkpoint every night (the operator's table read literally: "it signs a checkpoint after"). */
  | 'daily';

export async function scheduledYear(options: {
  volume?: number;
  seed?: number;
  checkpoints: CheckpointPolicy;
  /** The last day the operator's jobs run (the copy is taken after it). */
  until?: string;
}) {
  const { volume = 0.3, seed = 42, checkpoints, until = '2026-06-30' } = options;
  const { store, keys, catalogue, make } = attackedStore(seed);
  let current = make('2025-01-01T08:00:00Z');
  const adopted = await current.adoptCatalogue({ type: 'AdoptCatalogue', commandId: freshId(), catalogue });
  if (adopted._tag === 'Left') throw new Error(adopted.left.code);

  // Ground truth, and a counsellor who opens a new series when the old one expired under them.
  const truth = new Map<string, SeriesTruth>(); // series stream → truth
  const streamOfToken = new Map<string, string>();
  const alias = new Map<string, string>(); // token the recorder holds → token in use
  const reopened = { count: 0 };
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
        truth.set(stream, { interventionId: c.interventionId, unitId: c.unitId, sessions: [] });
      }
      return opened;
    },
    recordSession: async (c) => {
      const token = alias.get(c.token) ?? c.token;
      let recorded = await current.recordSession({ ...c, token });
      if (recorded._tag === 'Left' && recorded.left.code === 'SERIES_CLOSED') {
        // Expired under the counsellor (idle past retention): a new series for the next contact.
        const was = truth.get(streamOfToken.get(token) as string) as SeriesTruth;
        const opened = await proxy.openSeries({
          type: 'OpenSeries',
          commandId: freshId(),
          interventionId: was.interventionId,
          unitId: was.unitId,
        });
        if (opened._tag === 'Left') throw new Error(opened.left.code);
        alias.set(c.token, opened.right.token);
        reopened.count += 1;
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

  let checkpointCount = 0;
  let expiredTotal = 0;
  const sealed = new Set<string>();
  for (let day = '2025-01-01'; day <= until; day = addDays(day, 1)) {
    // The night's jobs, before the day's work.
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
      checkpointCount += 1;
    }
    const { expired, open } = await job.expireSeries();
    expiredTotal += expired;
    if (expired > 0 || checkpoints === 'daily') {
      await writeLogCheckpoint({ store, keys, clock: fixedClock(night) });
      checkpointCount += 1;
    }
    const work = byDay.get(day) ?? [];
    if (work.length > 0) {
      current = make(`${day}T12:00:00Z`);
      for (const command of work) await recorder.record(command);
    }
    if (day > '2026-01-16' && open === 0 && sealed.size === 12) break;
  }
  const copy: RecordedEvent[] = await collect(store.readAll());
  return { store, keys, catalogue, copy, truth, checkpointCount, expiredTotal, reopened: reopened.count };
}
