import { requiresSeries, type TallyCommand, type TallyEvent, tallySheetDecider } from '@pinnstatistik/core';
import { AGE_DIMENSIONS, bump, type FoldCounts, foldDigest } from './fold-digest.js';
import { release, retain, settledHeapBytes } from './heap.js';
import { perSecond } from './stats.js';
import { now } from './timer.js';
import { createWorkload } from './workload.js';

/** What the raw baseline measures: plain arrays and Maps, no store, no crypto, no chain. */
export interface RawResult {
  readonly n: number;
  /** `JSON.stringify` of each decided event pushed into one array, indexed per sheet in a Map. */
  readonly appendPerSec: number;
  /** The PEERS fold over the plain decided events, from an array in arrival order. */
  readonly foldPerSec: number;
  readonly foldMs: number;
  /** The same fold after `JSON.parse` of each encoded event (decode + fold). */
  readonly decodeFoldPerSec: number;
  /** Heap per plain decided event held in an array. */
  readonly heapBytesPerEvent: number;
  /** Heap per encoded event string held in an array. */
  readonly encodedBytesPerEvent: number;
  readonly digest: string;
}

const sheetOf = (event: TallyEvent): string =>
  `${event.data.period}/${event.data.interventionId}/${event.data.unitId}`;

/** The PEERS fold over plain tally events. */
export function rawFold(events: readonly TallyEvent[]): FoldCounts {
  const counts: FoldCounts = new Map();
  for (const event of events) foldOne(counts, event);
  return counts;
}

function foldOne(counts: FoldCounts, event: TallyEvent): void {
  const { interventionId, period } = event.data;
  bump(counts, `t|${interventionId}|${period}`);
  if (event.type !== 'ContactTallied') return;
  const { marks } = event.data;
  const gender = marks.gender;
  if (gender !== undefined) bump(counts, `g|${interventionId}|${period}|${gender}`);
  for (const dimension of AGE_DIMENSIONS) {
    const band = marks[dimension];
    if (band !== undefined) bump(counts, `a|${interventionId}|${dimension}|${band}`);
  }
}

/** The workload's commands decided by the pure core (minimised, banded), as plain events. */
export function decidedEvents(n: number): TallyEvent[] {
  const workload = createWorkload(n);
  const state = { ...tallySheetDecider.initialState, catalogues: [workload.catalogue] };
  const policies = new Map(workload.catalogue.interventions.map((policy) => [policy.id, policy]));
  const events: TallyEvent[] = [];
  for (const command of workload.commands()) {
    // Contacts of interventions that require a series are decided as the series records them.
    const policy = policies.get(command.interventionId);
    const viaSeries = command.type === 'TallyContact' && policy !== undefined && requiresSeries(policy);
    const decided = tallySheetDecider.decide(
      (viaSeries ? { ...command, viaSeries: true } : command) as TallyCommand,
      state,
    );
    if (decided._tag === 'Left') throw new Error(`refused: ${decided.left.message.en}`);
    events.push(...decided.right);
  }
  return events;
}

function appendRaw(events: readonly TallyEvent[]): { ms: number; heapWith: number; log: string[] } {
  const log: string[] = retain([]);
  const bySheet = retain(new Map<string, number[]>());
  const start = now();
  for (const event of events) {
    const sheet = sheetOf(event);
    let indices = bySheet.get(sheet);
    if (indices === undefined) {
      indices = [];
      bySheet.set(sheet, indices);
    }
    indices.push(log.length);
    log.push(JSON.stringify(event));
  }
  return { ms: now() - start, heapWith: settledHeapBytes(), log };
}

/** Runs the raw baseline at N. */
export function measureRaw(n: number): RawResult {
  const before = settledHeapBytes();
  const events = retain(decidedEvents(n));
  const withEvents = settledHeapBytes();
  const heapBytesPerEvent = (withEvents - before) / events.length;

  const appended = appendRaw(events);
  const encodedBytesPerEvent = (appended.heapWith - withEvents) / events.length;

  const foldStart = now();
  const counts = rawFold(events);
  const foldMs = now() - foldStart;
  const digest = foldDigest(counts);

  const decodeStart = now();
  const decoded: FoldCounts = new Map();
  for (const encoded of appended.log) foldOne(decoded, JSON.parse(encoded) as TallyEvent);
  const decodeMs = now() - decodeStart;
  if (foldDigest(decoded) !== digest) throw new Error('raw decode + fold disagrees with the raw fold');
  release();

  return {
    n: events.length,
    appendPerSec: perSecond(events.length, appended.ms),
    foldPerSec: perSecond(events.length, foldMs),
    foldMs,
    decodeFoldPerSec: perSecond(events.length, decodeMs),
    heapBytesPerEvent,
    encodedBytesPerEvent,
    digest,
  };
}
