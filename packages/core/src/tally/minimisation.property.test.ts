import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { dimensionValues, findDimension } from '../catalogue/dimension-values.js';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { personalIdentityNumber, validTallyCommand } from '../testing/arbitraries.js';
import type { TallyEvent } from './events.js';
import { parseTallyCommand } from './parse-tally-command.js';
import { tallySheetDecider } from './tally-sheet-decider.js';

const catalogue = vaggerydCatalogue();
const state = tallySheetDecider.evolve(tallySheetDecider.initialState, {
  type: 'CatalogueAdopted',
  data: { catalogue },
});
const genders = (catalogue.codeLists.gender?.codes ?? []).map((code) => code.code);

// Minimisation is what is under test: contacts are decided as a series would record them.
function decideInput(input: unknown) {
  const command = parseTallyCommand(input);
  return E.isLeft(command) ? command : tallySheetDecider.decide({ ...command.right, viaSeries: true }, state);
}

/** Every string an accepted event stores, with the field it sits in. */
function storedValuesInClosedLists(event: TallyEvent): boolean {
  switch (event.type) {
    case 'ContactTallied':
      return Object.entries(event.data.marks).every(([dimensionId, value]) => {
        const dimension = findDimension(catalogue, dimensionId);
        const closed = dimension === undefined ? [] : dimensionValues(dimension, catalogue);
        return typeof value === 'string'
          ? closed.includes(value)
          : dimension?.kind === 'age-list' && value.every((entry) => closed.includes(entry));
      });
    case 'GroupMeetingTallied':
      return [event.data.participants.adults, event.data.participants.children].every(
        (counts) => counts === undefined || Object.keys(counts).every((gender) => genders.includes(gender)),
      );
    case 'VisitorsTallied':
      return Object.keys(event.data.visitors).every((gender) => genders.includes(gender));
    case 'TallyVoided':
      return true;
  }
}

const freeText = fc.string({ minLength: 1, maxLength: 30 });

describe('minimisation, for every command', () => {
  it('every valid command is accepted, and stores only values from closed lists and the month', () => {
    fc.assert(
      fc.property(validTallyCommand(catalogue, 2025, { seriesContacts: true }), (input) => {
        const outcome = decideInput(input);
        if (E.isLeft(outcome)) throw new Error(`refused ${outcome.left.code}: ${outcome.left.message.en}`);
        const date = 'date' in input ? input.date : '';
        for (const event of outcome.right) {
          expect(storedValuesInClosedLists(event)).toBe(true);
          expect(event.data.period).toBe(date.slice(0, 7));
          expect(JSON.stringify(event)).not.toContain(date);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('free text in any mark is never stored: a command either is refused or stores only closed-list values', () => {
    fc.assert(
      fc.property(
        validTallyCommand(catalogue, 2025, { seriesContacts: true }),
        freeText,
        fc.nat(20),
        (input, text, pick) => {
          if (input.type !== 'TallyContact') return;
          const dimensions = Object.keys(input.marks ?? {});
          const key = dimensions.length === 0 ? 'comment' : (dimensions[pick % dimensions.length] as string);
          const outcome = decideInput({ ...input, marks: { ...input.marks, [key]: text } });
          if (E.isRight(outcome)) {
            for (const event of outcome.right) expect(storedValuesInClosedLists(event)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('extra fields carrying free text anywhere are refused', () => {
    fc.assert(
      fc.property(validTallyCommand(catalogue, 2025, { seriesContacts: true }), freeText, (input, text) => {
        const outcome = decideInput({ ...input, note: text });
        expect(E.isLeft(outcome) && outcome.left.code).toMatch(/INVALID_INPUT|PERSONAL_DATA_DETECTED/);
      }),
      { numRuns: 200 },
    );
  });

  it('a personnummer in any string field is refused as personal data and appears in no part of the refusal', () => {
    fc.assert(
      fc.property(
        validTallyCommand(catalogue, 2025, { seriesContacts: true }),
        personalIdentityNumber(),
        fc.nat(20),
        (input, number, pick) => {
          const fields = Object.keys(input.type === 'TallyContact' ? (input.marks ?? {}) : {});
          const key = fields.length === 0 ? undefined : fields[pick % fields.length];
          const poisoned =
            key === undefined
              ? { ...input, unitId: number }
              : { ...input, marks: { ...(input as { marks: object }).marks, [key]: number } };
          const outcome = decideInput(poisoned);
          expect(E.isLeft(outcome) && outcome.left.code).toBe('PERSONAL_DATA_DETECTED');
          const digits = number.replace(/\D/g, '');
          expect(JSON.stringify(outcome).replace(/\D/g, '')).not.toContain(digits.slice(-10));
        },
      ),
      { numRuns: 300 },
    );
  });
});
