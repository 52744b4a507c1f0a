import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import type { SheetDetailEvent, TallyEvent } from './events.js';
import { parseTallyCommand } from './parse-tally-command.js';
import { createTablesAccumulator, foldSheet, type SheetTables } from './sheet-tables.js';
import { tallySheetDecider } from './tally-sheet-decider.js';

const catalogue = vaggerydCatalogue();
const state = tallySheetDecider.evolve(tallySheetDecider.initialState, {
  type: 'CatalogueAdopted',
  data: { catalogue },
});
const noPairs = () => [];

let serial = 0;
function session(childAges: number[], gender = 'female'): TallyEvent {
  serial += 1;
  const command = parseTallyCommand({
    type: 'TallyContact',
    commandId: `3f1e7c2a-9b4d-4e8f-a1c2-${String(serial).padStart(12, '0')}`,
    interventionId: 'rad-och-stod',
    unitId: 'mottaget-my',
    date: '2025-05-06',
    marks: {
      gender,
      childAges,
      numberOfChildren: childAges.length,
      problemArea: 'parenting',
      routeIn: 'own-initiative',
      furtherAction: 'none',
    },
  });
  if (E.isLeft(command)) throw new Error(command.left.message.en);
  // A session of a series (råd och stöd takes contacts only through one).
  const decided = tallySheetDecider.decide({ ...command.right, viaSeries: true }, state);
  if (E.isLeft(decided)) throw new Error(decided.left.message.en);
  return decided.right[0] as TallyEvent;
}

const sum = (cells: Readonly<Record<string, number>> | undefined): number =>
  Object.values(cells ?? {}).reduce((total, count) => total + count, 0);

/** Every marginal of a table adds up to its contacts. */
function marginalsAddUp(tables: SheetTables): void {
  for (const [dimension, cells] of Object.entries(tables.marginals))
    expect([dimension, sum(cells)]).toEqual([dimension, tables.contacts]);
}

describe('the children’s ages table (row 11)', () => {
  const sessions = [session([2, 9, 15]), session([4]), session([], 'male'), session([11, 11])];

  it('counts children, not sessions, while every contact table still adds up to the sessions', () => {
    const tables = foldSheet(sessions, noPairs);
    expect(tables.contacts).toBe(4);
    marginalsAddUp(tables);
    expect(tables.marginals.childAges).toBeUndefined();
    expect(tables.listMarginals?.childAges).toEqual({ '0-3': 1, '4-6': 1, '7-9': 1, '10-12': 2, '15-17': 1 });
    expect(sum(tables.listMarginals?.childAges)).toBe(6);
    // The number-of-children table counts sessions by how many children they concern.
    expect(tables.marginals.numberOfChildren).toEqual({ '0': 1, '1': 1, '2': 1, '3': 1 });
  });

  it('takes a voided session’s children away with it', () => {
    const first = sessions[0] as TallyEvent;
    const voided: SheetDetailEvent = {
      type: 'TallyVoided',
      data: { ...first.data, tallyId: first.data.tallyId, reason: 'duplicate', voided: first as never },
    };
    const tables = foldSheet([...sessions, voided], noPairs);
    expect(tables.contacts).toBe(3);
    marginalsAddUp(tables);
    expect(sum(tables.listMarginals?.childAges)).toBe(3);
    expect(tables.listMarginals?.childAges?.['15-17']).toBe(0);
  });

  it('adds up across sheets, and reads tables sealed before the children’s table existed', () => {
    const accumulator = createTablesAccumulator(noPairs);
    accumulator.addTables(foldSheet(sessions, noPairs));
    const { listMarginals: _absent, ...sealedBefore } = foldSheet(sessions.slice(1), noPairs);
    accumulator.addTables(sealedBefore);
    const tables = accumulator.tables();
    expect(tables.contacts).toBe(7);
    marginalsAddUp(tables);
    expect(sum(tables.listMarginals?.childAges)).toBe(6);
  });
});

describe('tables handed out by an accumulator', () => {
  const sessions = [session([2]), session([4], 'male'), session([9])];

  it('stay as they were when more tallies are added, and a caller changing them changes nothing kept', () => {
    const accumulator = createTablesAccumulator(noPairs);
    accumulator.addTally(sessions[0] as TallyEvent, 1);
    const first = accumulator.tables();
    const copy = structuredClone(first);
    accumulator.addTally(sessions[1] as TallyEvent, 1);
    expect(first).toEqual(copy);
    (first.marginals.gender as Record<string, number>).female = 1000;
    (first as { contacts: number }).contacts = 1000;
    accumulator.addTally(sessions[2] as TallyEvent, 1);
    const last = accumulator.tables();
    expect(last.contacts).toBe(3);
    expect(last.marginals.gender).toEqual({ female: 2, male: 1 });
    marginalsAddUp(last);
  });
});
