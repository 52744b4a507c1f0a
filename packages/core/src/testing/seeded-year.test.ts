import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../catalogue/catalogue.js';
import { requiresSeries } from '../catalogue/series-policy.js';
import { vaggerydCatalogueV1_0 } from '../catalogue/vaggeryd/v1-0/catalogue.js';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { seededYear, seededYearParts } from './seeded-year.js';

function refusalsOf(catalogue: Catalogue, commands: readonly unknown[]): string[] {
  const state = tallySheetDecider.evolve(tallySheetDecider.initialState, {
    type: 'CatalogueAdopted',
    data: { catalogue },
  });
  return commands.flatMap((input) => {
    const command = parseTallyCommand(input);
    // Decided as the recorder records them: contacts of rows 4 and 11 as sessions of their series.
    const outcome = E.isLeft(command)
      ? command
      : tallySheetDecider.decide({ ...command.right, viaSeries: true }, state);
    return E.isLeft(outcome) ? [`${outcome.left.code}: ${outcome.left.message.en}`] : [];
  });
}

describe('the seeded year under version 1.1', () => {
  const catalogue = vaggerydCatalogue();
  const parts = seededYearParts({ catalogue, year: 2025, seed: 42, volume: 0.5 });
  const contacts = parts.series.flatMap((series) => series.contacts);

  it('is accepted whole by the catalogue it was made for (and 1.0’s year by 1.0)', () => {
    expect(refusalsOf(catalogue, [...parts.tallies, ...contacts])).toEqual([]);
    const v1_0 = vaggerydCatalogueV1_0();
    expect(refusalsOf(v1_0, seededYear({ catalogue: v1_0, year: 2025, seed: 42, volume: 0.5 }))).toEqual([]);
  });

  it('records every contact of råd och stöd and of the home visits in a series, within its limit', () => {
    const limited = catalogue.interventions.filter(requiresSeries).map((policy) => policy.id);
    expect(limited).toEqual(['familjecentral-hembesok-bhv', 'rad-och-stod']);
    expect(parts.tallies.filter((command) => limited.includes(command.interventionId as string))).toEqual([]);
    expect(new Set(parts.series.map((series) => series.interventionId))).toEqual(new Set(limited));
    for (const series of parts.series) {
      const max = series.interventionId === 'rad-och-stod' ? 5 : 3;
      expect(series.contacts.length).toBeGreaterThanOrEqual(1);
      expect(series.contacts.length).toBeLessThanOrEqual(max);
      const dates = series.contacts.map((contact) => contact.date);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.every((date) => date.startsWith('2025-'))).toBe(true);
      for (const contact of series.contacts) {
        expect([contact.interventionId, contact.unitId]).toEqual([series.interventionId, series.unitId]);
        // One person or family throughout: the same gender and children.
        expect(contact.marks?.gender).toEqual(series.contacts[0]?.marks?.gender);
        expect(contact.marks?.childAges).toEqual(series.contacts[0]?.marks?.childAges);
      }
    }
    const lengths = new Set(parts.series.map((series) => series.contacts.length));
    expect([...lengths].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives one age per child counted at råd och stöd, and meets pupils and parents at Rörligt elevstöd', () => {
    for (const contact of contacts.filter((command) => command.interventionId === 'rad-och-stod')) {
      const ages = contact.marks?.childAges as number[];
      expect(ages.length).toBe(contact.marks?.numberOfChildren);
      expect(ages.every((age) => age >= 0 && age <= 17)).toBe(true);
    }
    const pupilSupport = parts.tallies.flatMap((command) =>
      command.type === 'TallyContact' && command.interventionId === 'rorligt-elevstod'
        ? [command.marks ?? {}]
        : [],
    );
    const pupils = pupilSupport.filter((marks) => typeof marks.pupilAge === 'number');
    const parents = pupilSupport.filter((marks) => typeof marks.adultAge === 'number');
    expect(pupils.length + parents.length).toBe(pupilSupport.length);
    expect(pupils.length).toBeGreaterThan(parents.length);
    expect(parents.length).toBeGreaterThan(0);
    expect(
      pupils.every((marks) => (marks.pupilAge as number) >= 10 && (marks.pupilAge as number) <= 16),
    ).toBe(true);
    expect(parents.every((marks) => (marks.adultAge as number) >= 18)).toBe(true);
  });

  it('is the same year as seededYear, in date order, and the same again for the same seed', () => {
    const year = seededYear({ catalogue, year: 2025, seed: 42, volume: 0.5 });
    const ids = (commands: readonly { commandId: string }[]) =>
      commands.map((command) => command.commandId).sort();
    expect(ids(year)).toEqual(ids([...parts.tallies, ...contacts]));
    const dates = year.map((command) => ('date' in command ? command.date : ''));
    expect([...dates].sort()).toEqual(dates);
    expect(seededYearParts({ catalogue, year: 2025, seed: 42, volume: 0.5 })).toEqual(parts);
  });
});
