// A month's sheets (intervention × unit) share one detail stream, so a tally id is looked up
// among every sheet of the month: a void must still reach only its own sheet's tally, and a
// command id, being one command, must not record a second tally on another sheet.
import {
  type CommandService,
  createCommandService,
  fixedClock,
  readSealedPeriod,
  seededRandom,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

const catalogue = vaggerydCatalogue();
let counter = 0;
const uuid = (): string => {
  counter += 1;
  return `40a70000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

async function setUp() {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const make = (at: string): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(at),
      random: seededRandom(5),
    });
  const service = make('2025-03-20T10:00:00Z');
  const adopted = await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(), catalogue });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return { store, service, sealer: make('2025-04-20T10:00:00Z') };
}

const OUTREACH = { interventionId: 'motesplats-uppsokande', unitId: 'motesplats', marks: { gender: 'male' } };
const YOUTH_OUTREACH = {
  interventionId: 'ungdomsmottagning-uppsokande',
  unitId: 'ungdomsmottagningen',
  marks: { gender: 'female', individualAge: 21 },
};
const outreach = (commandId: string, sheet: typeof OUTREACH | typeof YOUTH_OUTREACH) => ({
  type: 'TallyContact' as const,
  commandId,
  ...sheet,
  date: '2025-03-10',
});

const contactsBySheet = async (store: ReturnType<typeof createMemoryEventStore>) =>
  Object.fromEntries(
    (await readSealedPeriod(store, '2025-03')).sheets.map((sheet) => [
      `${sheet.interventionId}/${sheet.unitId}`,
      sheet.tables.contacts,
    ]),
  );

describe('a month’s one detail stream', () => {
  it('holds every sheet of the month, and seals each into its own tables', async () => {
    const { store, service, sealer } = await setUp();
    expect(E.isRight(await service.tally(outreach(uuid(), OUTREACH)))).toBe(true);
    expect(E.isRight(await service.tally(outreach(uuid(), OUTREACH)))).toBe(true);
    expect(E.isRight(await service.tally(outreach(uuid(), YOUTH_OUTREACH)))).toBe(true);
    const streams = new Set((await collect(store.readAll())).map((event) => event.stream));
    expect([...streams].filter((stream) => stream.startsWith('tally-2025-03-'))).toHaveLength(1);
    expect(
      E.isRight(await sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-03' })),
    ).toBe(true);
    expect(await contactsBySheet(store)).toEqual({
      'ungdomsmottagning-uppsokande/ungdomsmottagningen': 1,
      'motesplats-uppsokande/motesplats': 2,
    });
  });

  it('voids a tally only on its own sheet: another sheet of the month does not have it', async () => {
    const { store, service, sealer } = await setUp();
    const tallyId = uuid();
    expect(E.isRight(await service.tally(outreach(tallyId, OUTREACH)))).toBe(true);
    expect(E.isRight(await service.tally(outreach(uuid(), YOUTH_OUTREACH)))).toBe(true);
    const elsewhere = await service.tally({
      type: 'VoidTally',
      commandId: uuid(),
      interventionId: YOUTH_OUTREACH.interventionId,
      unitId: YOUTH_OUTREACH.unitId,
      period: '2025-03',
      tallyId,
      reason: 'duplicate',
    });
    expect(E.isLeft(elsewhere) && elsewhere.left.code).toBe('TALLY_NOT_FOUND');
    await sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-03' });
    expect(await contactsBySheet(store)).toEqual({
      'ungdomsmottagning-uppsokande/ungdomsmottagningen': 1,
      'motesplats-uppsokande/motesplats': 1,
    });
  });

  it('refuses a command id used again for a tally on another sheet of the month, and records it once', async () => {
    const { store, service, sealer } = await setUp();
    const commandId = uuid();
    expect(E.isRight(await service.tally(outreach(commandId, OUTREACH)))).toBe(true);
    const again = await service.tally(outreach(commandId, YOUTH_OUTREACH));
    expect(E.isLeft(again) && again.left.code).toBe('COMMAND_ID_REUSED');
    await sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-03' });
    expect(await contactsBySheet(store)).toEqual({ 'motesplats-uppsokande/motesplats': 1 });
  });
});
