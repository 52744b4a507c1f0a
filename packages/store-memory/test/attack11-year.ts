// Attack 11 (a fresh attacker): a seeded year recorded as a municipality would, with copies of
// every stored event taken while it is open and once it is sealed. Ground truth (the operator's
// view, opened with live keys) is kept apart from what the attacker uses.
import {
  type CommandService,
  createAesGcmCipher,
  createCommandService,
  createPayloadSealer,
  deriveSubkeys,
  type EventStore,
  fixedClock,
  openEvent,
  privateStreamOf,
  type RecordedEvent,
  seededRandom,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { clearData, collect, createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

let serial = 0;
export const freshId = (): string => {
  serial += 1;
  return `a11a11a1-0000-4000-8000-${String(serial).padStart(12, '0')}`;
};

/** A store, a key store and a maker of command services on them at a fixed time, as the attacked years record. */
export function attackedStore(seed: number) {
  const store = createMemoryEventStore();
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
  return { store, keys, catalogue, make };
}

export interface Opened {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly meta: Record<string, unknown>;
}

export async function attackedYear(
  volume = 0.3,
  seed = 42,
  /** Called before the first command of every new day (a nightly copy), with the store and keys. */
  nightly?: (
    store: ReturnType<typeof createMemoryEventStore>,
    keys: ReturnType<typeof createMemoryKeyStore>,
  ) => Promise<void>,
  /** Called after every command (the operator's ground truth, never the attacker's). */
  afterCommand?: (
    store: ReturnType<typeof createMemoryEventStore>,
    keys: ReturnType<typeof createMemoryKeyStore>,
  ) => Promise<void>,
) {
  const { store, keys, catalogue, make } = attackedStore(seed);
  const recording = make('2026-01-20T09:00:00Z');
  const adopted = await recording.adoptCatalogue({ type: 'AdoptCatalogue', commandId: freshId(), catalogue });
  if (adopted._tag === 'Left') throw new Error(adopted.left.code);
  const commands = seededYear({ catalogue, year: 2025, seed, volume });
  // The operator looks (ground truth) before every closing too: a closing deletes the series at once.
  const watched: CommandService =
    afterCommand === undefined
      ? recording
      : {
          ...recording,
          closeSeries: async (input) => {
            await afterCommand(store, keys);
            return recording.closeSeries(input);
          },
        };
  const recorder = createCommandRecorder(watched, catalogue, seed);
  let day = '';
  for (const command of commands) {
    const date = 'date' in command ? command.date : day;
    if (date !== day && nightly !== undefined) await nightly(store, keys);
    day = date;
    await recorder.record(command);
    if (afterCommand !== undefined) await afterCommand(store, keys);
  }
  if (nightly !== undefined) await nightly(store, keys);
  const open = await collect(store.readAll());

  const truth = await operatorView(open, keys);
  const closing = make('2026-06-01T09:00:00Z');
  return {
    store,
    keys,
    catalogue,
    commands,
    recorder,
    open,
    truth,
    closing,
    async sealAll(): Promise<RecordedEvent[]> {
      await closing.expireSeries();
      // Every month of the year, and the month the recording's clock stood in (its registry holds the series opened).
      for (let month = 1; month <= 13; month += 1) {
        const period = month === 13 ? '2026-01' : `2025-${String(month).padStart(2, '0')}`;
        const sealed = await closing.sealPeriod({ type: 'SealPeriod', commandId: freshId(), period });
        if (sealed._tag === 'Left') throw new Error(`sealing ${period}: ${sealed.left.code}`);
      }
      return collect(store.readAll());
    },
  };
}

/** The operator's view of events (ground truth only: never used by an attack): opened with live keys. */
export async function operatorView(
  events: readonly RecordedEvent[],
  keys: { get(keyId: string): Promise<Uint8Array | undefined> },
  into: Map<RecordedEvent, Opened> = new Map(),
): Promise<Map<RecordedEvent, Opened>> {
  const cipher = createAesGcmCipher();
  for (const event of events) {
    const owner = privateStreamOf(event.stream);
    if (owner === undefined) continue;
    const material = await keys.get(owner.keyId);
    if (material === undefined) continue;
    const sealer = createPayloadSealer(cipher, deriveSubkeys(material).encryption);
    const opened = openEvent(event, () => sealer);
    if (opened.readable)
      into.set(event, {
        type: opened.type,
        data: opened.data as Record<string, unknown>,
        meta: opened.meta as unknown as Record<string, unknown>,
      });
  }
  return into;
}

/** Clear JSON of a public event (core's testing kit). */
export { clearData };

/** A closing as the clear series index records it: its position, reason, size and proofs' starts. */
export interface IndexedClosing {
  readonly position: number;
  readonly reason: string;
  readonly size: number;
  readonly proofsFrom: number[];
}

/** Reads one `series-index` event as an attacker does: an opening's or a closing's position and clear data. */
export function readSeriesIndex(
  event: RecordedEvent,
  opened: Map<string, number>,
  closed: Map<string, IndexedClosing>,
): void {
  const data = clearData(event) as {
    series: string;
    reason?: string;
    size?: number;
    proofs?: { from: number }[];
  };
  if (event.type === 'SeriesIndexed') opened.set(data.series, Number(event.position));
  if (event.type === 'SeriesClosed')
    closed.set(data.series, {
      position: Number(event.position),
      reason: data.reason ?? '',
      size: data.size ?? 0,
      proofsFrom: (data.proofs ?? []).map((proof) => proof.from),
    });
}

/**
 * The event right before a closing's record once its series' own last write (the padding, on the
 * series stream, deleted with it) is stepped over: its "series ended" tally.
 */
export function beforePadding<Event extends { stream: string }>(
  at: (position: number) => Event | undefined,
  position: number,
): Event | undefined {
  for (let back = position - 1; back > position - 64 && back > 0; back -= 1) {
    const event = at(back);
    if (event !== undefined && !event.stream.startsWith('series-')) return event;
  }
  return undefined;
}

/** Nightly copies of a store, merged by position: each `copy()` adds what was written since the last. */
export function nightlyCopies(store: EventStore): {
  readonly seen: Map<number, RecordedEvent>;
  copy(): Promise<void>;
} {
  const seen = new Map<number, RecordedEvent>();
  let last = 0;
  return {
    seen,
    async copy() {
      const fresh = await collect(store.readAll(last === 0 ? {} : { after: String(last) }));
      for (const event of fresh) {
        seen.set(Number(event.position), event);
        last = Math.max(last, Number(event.position));
      }
    },
  };
}

/** Records commands in date order, calling `newDay` before the first command of each day. */
export async function recordDayByDay(
  commands: Iterable<TallyCommandInput>,
  record: (command: TallyCommandInput) => Promise<void>,
  newDay: (date: string) => Promise<void>,
): Promise<void> {
  let day = '';
  for (const command of commands) {
    const date = 'date' in command ? command.date : day;
    if (date !== day) await newDay(date);
    day = date;
    await record(command);
  }
}
