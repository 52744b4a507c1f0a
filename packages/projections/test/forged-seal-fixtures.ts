import {
  type Clock,
  createCommandService,
  type EventStore,
  emptySheetTables,
  fixedClock,
  type KeyStore,
  periodKeyId,
  type SealedSheet,
  tablesDigest,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import {
  ATTACKED_SHEET,
  appendKeyless,
  type numberedCommands,
  SESSION_MARKS,
} from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { StatisticsCube } from '../src/cube/statistics-cube.js';

// What the attack tests on seals (28–31) share: the operator's months, and what a writer without
// keys forges.

export const FEB = '2025-02';
export const MARCH = '2025-03';

type Numbered = ReturnType<typeof numberedCommands>;

/**
 * The operator's store on 2025-04-20 (or `clock`): the catalogue adopted, three contacts in
 * February and one in March, March sealed when asked.
 */
export async function operatorMonths(
  { uuid, contact }: Numbered,
  options: { readonly sealMarch: boolean; readonly clock?: Clock },
) {
  const store: EventStore = createMemoryEventStore();
  const keys: KeyStore = createMemoryKeyStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: 'vaggeryd',
    clock: options.clock ?? fixedClock('2025-04-20T08:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999),
    catalogue: vaggerydCatalogue(),
  });
  expect(E.isRight(adopted)).toBe(true);
  for (let n = 1; n <= 3; n += 1) expect(E.isRight(await service.tally(contact(n, '2025-02-10')))).toBe(true);
  expect(E.isRight(await service.tally(contact(50, '2025-03-10')))).toBe(true);
  if (options.sealMarch) {
    const sealed = await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: MARCH });
    expect(E.isRight(sealed)).toBe(true);
  }
  return { store, keys, service };
}

/** One sheet of the attacker's: 400 contacts on the attacked sheet. */
export const forgedSheets = (): SealedSheet[] => [
  {
    ...ATTACKED_SHEET,
    catalogueVersions: [vaggerydCatalogue().version],
    tables: { ...emptySheetTables(), contacts: 400, marginals: { gender: { female: 400 } } },
  },
];

/** A seal a keyless forger writes: the digest anyone can compute, a proof it can only guess. */
export const forgedSealData = (
  period: string,
  sheets: readonly SealedSheet[],
  options: { readonly deleted?: unknown; readonly proof?: unknown } = {},
) => ({
  period,
  keyId: periodKeyId(period),
  sheets: sheets.length,
  deleted: options.deleted ?? [],
  tables: tablesDigest(sheets),
  proof: options.proof === undefined ? 'ab'.repeat(32) : options.proof,
});

/** Appends forged tables and a seal over them to a month's stream (ids `uuid(first)`, `uuid(first + 1)`). */
export async function forgeSeal(
  store: EventStore,
  { uuid }: Pick<Numbered, 'uuid'>,
  period: string,
  first: number,
  proof?: unknown,
): Promise<void> {
  const sheets = forgedSheets();
  await appendKeyless(store, `period-${period}`, [
    { id: uuid(first), type: 'SheetsSealed', data: { period, sheets } },
    { id: uuid(first + 1), type: 'PeriodSealed', data: forgedSealData(period, sheets, { proof }) },
  ]);
}

/** The contacts the cube publishes for a month, sheet by sheet. */
export const contactsOf = (cube: StatisticsCube, period: string): unknown[] =>
  [...cube.sheets()]
    .filter((entry) => entry.period === period)
    .map((entry) => (entry.tables as { contacts?: number }).contacts);

/**
 * A counsellor's series of råd och stöd opened on 2025-03-05, one session that day and a working
 * note — on a clock the test moves on with `setNow` (the operator's days pass).
 */
export async function seriesWithNoteInMarch({ uuid }: Pick<Numbered, 'uuid'>) {
  let now = new Date('2025-03-05T08:00:00Z');
  const store: EventStore = createMemoryEventStore();
  const keys: KeyStore = createMemoryKeyStore();
  const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: { now: () => now } });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999),
    catalogue: vaggerydCatalogue(),
  });
  expect(E.isRight(adopted)).toBe(true);
  const opened = await service.openSeries({
    type: 'OpenSeries',
    commandId: uuid(800),
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
  });
  if (E.isLeft(opened)) throw new Error(opened.left.code);
  const { token } = opened.right;
  const session = await service.recordSession({
    type: 'RecordSession',
    commandId: uuid(801),
    token,
    date: '2025-03-05',
    marks: SESSION_MARKS,
  });
  expect(E.isRight(session) ? 'ok' : session.left.code).toBe('ok');
  const noted = await service.writeNote({
    type: 'WriteNote',
    commandId: uuid(802),
    token,
    text: 'Ring skolan.',
  });
  expect(E.isRight(noted)).toBe(true);
  const setNow = (instant: string): void => {
    now = new Date(instant);
  };
  return { store, keys, service, token, setNow };
}
