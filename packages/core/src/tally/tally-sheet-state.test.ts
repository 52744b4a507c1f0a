import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VoidableTally } from './events.js';
import { emptyTallyIndex, findTally, type TallyIndex, withTally, withVoided } from './tally-sheet-state.js';

const tally = (tallyId: string, variant = 0): VoidableTally => ({
  type: 'ContactTallied',
  data: {
    tallyId,
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
    period: '2025-01',
    catalogueVersion: '1.0',
    marks: { numberOfChildren: String(variant) },
  },
});

type Model = ReadonlyMap<string, { variant: number; voided: boolean }>;
type Operation =
  | { kind: 'add'; id: string; variant: number; from: number }
  | { kind: 'void'; id: string; from: number };

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), id: ids, variant: fc.nat(9), from: fc.nat() }),
  fc.record({ kind: fc.constant('void' as const), id: ids, from: fc.nat() }),
);

describe('the tally index', () => {
  it('answers like a copied map for every state, however states are branched and evolved', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const states: { index: TallyIndex; model: Model }[] = [{ index: emptyTallyIndex, model: new Map() }];
        for (const op of operations) {
          // Mostly the newest state (the service's use), sometimes an older one (a branch).
          const base = states[op.from % 3 === 0 ? op.from % states.length : states.length - 1] as {
            index: TallyIndex;
            model: Model;
          };
          const model = new Map(base.model);
          let index: TallyIndex;
          if (op.kind === 'add') {
            index = withTally(base.index, tally(op.id, op.variant));
            model.set(op.id, { variant: op.variant, voided: false });
          } else {
            index = withVoided(base.index, op.id);
            const entry = model.get(op.id);
            if (entry !== undefined) model.set(op.id, { ...entry, voided: true });
          }
          states.push({ index, model });
          for (const state of states) {
            for (const id of ['a', 'b', 'c', 'd', 'e']) {
              const found = findTally(state.index, id);
              const expected = state.model.get(id);
              expect(
                found === undefined
                  ? undefined
                  : {
                      variant: Number(
                        (found.tally as Extract<VoidableTally, { type: 'ContactTallied' }>).data.marks
                          .numberOfChildren,
                      ),
                      voided: found.voided,
                    },
              ).toEqual(expected);
            }
          }
        }
      }),
    );
  });
});
