import {
  type Catalogue,
  type Cipher,
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  seededRandom,
  type TallyCommandInput,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';

export const catalogue = vaggerydCatalogue();

/** What a user recorded, counted naively from the accepted commands: per intervention × month. */
export interface NaiveCounts {
  contacts: Map<string, number>;
  marks: Map<string, number>;
  visitors: Map<string, number>;
  participants: Map<string, number>;
  meetings: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

/** Socialstyrelsen's age groups for children and young people (and the project's 21–25, 26+), written out. */
const youthGroup = (age: number): string => {
  const groups = [
    [0, 3],
    [4, 6],
    [7, 9],
    [10, 12],
    [13, 14],
    [15, 17],
    [18, 20],
    [21, 25],
  ] as const;
  const found = groups.find(([min, max]) => age >= min && age <= max);
  return found === undefined ? '26+' : `${found[0]}-${found[1]}`;
};

let counter = 0;
export const uuid = (): string => {
  counter += 1;
  return `aa000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

/**
 * A memory store and key store with a command service on them (at `now`, with `cipher` if given)
 * that has adopted `adopt` (Vaggeryd's current catalogue by default); `make` gives another
 * service on the same stores.
 */
export async function adoptedService(
  options: { now?: string; cipher?: Cipher; adopt?: Catalogue } = {},
): Promise<{
  store: EventStore;
  keys: KeyStore;
  service: CommandService;
  make: (at: string, cipher?: Cipher) => CommandService;
}> {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const make = (at: string, cipher?: Cipher): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(at),
      ...(cipher === undefined ? {} : { cipher }),
    });
  const service = make(options.now ?? '2025-12-31T12:00:00Z', options.cipher);
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(),
    catalogue: options.adopt ?? catalogue,
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return { store, keys, service, make };
}

/** A store with a seeded year recorded (some tallies voided), and the naive recount of what it holds. */
export async function recordedYear(seed: number, volume = 0.15, now = '2026-01-10T10:00:00Z') {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const make = (at = now): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(at),
      random: seededRandom(seed),
    });
  const service = make();
  const adopted = await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(), catalogue });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  const naive: NaiveCounts = {
    contacts: new Map(),
    marks: new Map(),
    visitors: new Map(),
    participants: new Map(),
    meetings: new Map(),
  };
  const commands = seededYear({ catalogue, year: 2025, seed, volume });
  const count = (command: TallyCommandInput, sign: number, bands: Record<string, string>): void => {
    if (!('date' in command)) return;
    const key = `${command.interventionId}|${command.date.slice(0, 7)}`;
    if (command.type === 'TallyContact') {
      bump(naive.contacts, key, sign);
      for (const [dimension, value] of Object.entries(bands))
        bump(naive.marks, `${key}|${dimension}=${value}`, sign);
    } else if (command.type === 'TallyVisitors') {
      bump(naive.visitors, key, sign * Object.values(command.visitors).reduce((a, b) => a + b, 0));
    } else if (command.type === 'TallyGroupMeeting') {
      bump(naive.meetings, key, sign);
      const all = [
        ...Object.values(command.participants.adults ?? {}),
        ...Object.values(command.participants.children ?? {}),
      ];
      bump(naive.participants, key, sign * all.reduce((a, b) => a + b, 0));
    }
  };
  const bandsOf = new Map<string, Record<string, string>>();
  const recorder = createCommandRecorder(service, catalogue, seed);
  for (const [index, command] of commands.entries()) {
    await recorder.record(command);
    // The naive count bands ages and counts the way the policy says, independently of the library.
    const bands: Record<string, string> = {};
    if (command.type === 'TallyContact') {
      for (const [dimension, value] of Object.entries(command.marks ?? {})) {
        if (typeof value === 'string') bands[dimension] = value;
        else if (Array.isArray(value))
          continue; // the children's ages count children, not contacts
        else if (dimension === 'individualAge' || dimension === 'pupilAge')
          bands[dimension] = youthGroup(value);
        else if (dimension === 'adultAge')
          bands[dimension] = value >= 100 ? '100+' : `${value - (value % 5)}-${value - (value % 5) + 4}`;
        else if (dimension === 'numberOfChildren') bands[dimension] = value >= 4 ? '4+' : String(value);
        else bands[dimension] = String(value);
      }
    }
    bandsOf.set(command.commandId, bands);
    count(command, 1, bands);
    if (index % 23 === 0 && 'date' in command) {
      const voided = await service.tally({
        type: 'VoidTally' as const,
        commandId: uuid(),
        interventionId: command.interventionId,
        unitId: command.unitId,
        period: command.date.slice(0, 7),
        tallyId: command.commandId,
        reason: 'registered-by-mistake',
      });
      if (E.isLeft(voided)) throw new Error(voided.left.code);
      count(command, -1, bands);
    }
  }
  return { store, keys, service, make, naive, commands, series: recorder.series };
}
