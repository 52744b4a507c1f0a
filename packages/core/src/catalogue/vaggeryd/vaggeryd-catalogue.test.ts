import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vaggerydCatalogue } from './vaggeryd-catalogue.js';

const sourceDir = fileURLToPath(new URL('../../../../../docs/source/', import.meta.url));
const sharedSeed = fileURLToPath(new URL('../../../../../../shared/seed/README.md', import.meta.url));
const reading = readFileSync(`${sourceDir}reading.md`, 'utf8');

interface SeedRow {
  readonly row: number;
  readonly nameSv: string;
  readonly targetGroup: string;
  readonly unit: string;
  readonly documentation: string;
  readonly tallied: string;
  readonly notes: string;
}

/** The 18-row table of the seed's reading, parsed from its Markdown. */
function seedRows(): SeedRow[] {
  return reading
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const [row, nameSv, , targetGroup, unit, documentation, tallied, notes] = cells;
      return {
        row: Number(row),
        nameSv: nameSv ?? '',
        targetGroup: targetGroup ?? '',
        unit: unit ?? '',
        documentation: documentation ?? '',
        tallied: tallied ?? '',
        notes: notes ?? '',
      };
    });
}

const unitByName: [RegExp, string][] = [
  [/Familjecentral/, 'familjecentral'],
  [/Fältare/, 'faltare'],
  [/Ungdomsmottagningen/, 'ungdomsmottagningen'],
  [/Familj- och ungdomsteamet/, 'familj-och-ungdomsteamet'],
  [/Mötesplats/, 'motesplats'],
  [/Mottaget MY/, 'mottaget-my'],
  [/Öppenvården/, 'oppenvarden'],
  [/Rörligt elevstöd/, 'rorligt-elevstod'],
  [/Äldreomsorgen/, 'aldreomsorgen'],
];

function kindOf(documentation: string): string {
  if (/Working notes/.test(documentation)) return 'aggregate-with-working-notes';
  if (/Exempt/.test(documentation)) return 'exempt';
  if (/Case record required/.test(documentation)) return 'case-record-required';
  if (/Aggregate/.test(documentation)) return 'aggregate';
  throw new Error(`unread documentation cell: ${documentation}`);
}

/**
 * The contact dimensions the "What is tallied" cell names, in the catalogue's ids. "Age" of a
 * target group of pupils and their parents is the pupil's age or the parent's (row 14).
 */
function contactDimensionsOf(tallied: string, targetGroup: string): string[] {
  const text = tallied.toLowerCase();
  const found = new Set<string>();
  if (/gender/.test(text)) found.add('gender');
  if (/adult age/.test(text)) found.add('adultAge');
  if (/child age/.test(text)) found.add('childAges');
  if (/^age, gender/.test(text) && /parents/.test(targetGroup)) {
    found.add('pupilAge');
    found.add('adultAge');
  } else if (/age of the individual|age and gender|^age, gender|gender and age/.test(text))
    found.add('individualAge');
  if (/number of children/.test(text)) found.add('numberOfChildren');
  if (/cohabiting\/single/.test(text)) found.add('household');
  if (/problem area/.test(text)) found.add('problemArea');
  if (/route in/.test(text)) found.add('routeIn');
  if (/further action/.test(text)) found.add('furtherAction');
  if (/relation to the relative/.test(text)) found.add('relationToRelative');
  return [...found].sort();
}

describe('the Vaggeryd catalogue against the source table', () => {
  const catalogue = vaggerydCatalogue();
  const rows = seedRows();

  it('the committed copy of the source is the one in shared/seed', () => {
    if (!existsSync(sharedSeed)) {
      console.warn(`shared seed not found at ${sharedSeed}: checking the committed copy only`);
      return;
    }
    expect(readFileSync(sharedSeed, 'utf8')).toBe(reading);
  });

  it('encodes all 18 rows, one policy each, with unique ids', () => {
    expect(rows).toHaveLength(18);
    expect(catalogue.interventions.map((policy) => policy.sourceRow)).toEqual(rows.map((row) => row.row));
    expect(new Set(catalogue.interventions.map((policy) => policy.id)).size).toBe(18);
  });

  describe.each(seedRows())('row $row: $nameSv', (row) => {
    const policy = catalogue.interventions.find((candidate) => candidate.sourceRow === row.row);
    if (policy === undefined) throw new Error(`row ${row.row} missing from the catalogue`);

    it('has the Swedish name of the row', () => {
      expect(policy.name.sv.startsWith(row.nameSv)).toBe(true);
    });

    it('has the responsible unit(s) of the row', () => {
      const expected = unitByName.filter(([pattern]) => pattern.test(row.unit)).map(([, id]) => id);
      expect([...policy.responsibleUnits].sort()).toEqual(expected.sort());
    });

    it('has the documentation kind of the row', () => {
      expect(policy.documentation.kind).toBe(kindOf(row.documentation));
    });

    it('has the target group of the row, with its age range where it gives one', () => {
      const ages = /(\d+)–(\d+)|(\d+) and over|from age (\d+)/.exec(row.targetGroup);
      if (ages === null) {
        expect(policy.targetGroup.ageRange).toBeUndefined();
        return;
      }
      const [min, max] =
        ages[1] !== undefined ? [Number(ages[1]), Number(ages[2])] : [Number(ages[3] ?? ages[4]), undefined];
      expect(policy.targetGroup.text.en).toContain(max === undefined ? String(min) : `${min}–${max}`);
      const range = policy.targetGroup.ageRange;
      // Ranges of the people tallied are enforced; a range of their children (e.g. "parents of children 0–6") is text only.
      if (range !== undefined) expect([range.min, range.max]).toEqual([min, max]);
    });

    it('tallies exactly the dimensions the row names', () => {
      const kind = kindOf(row.documentation);
      if (kind === 'exempt' || kind === 'case-record-required') {
        expect(policy.tally).toEqual({});
        return;
      }
      const text = row.tallied.toLowerCase();
      if (/number of visitors/.test(text)) {
        expect(policy.tally.visitors).toBeDefined();
        expect(policy.tally.contact).toBeUndefined();
        return;
      }
      if (/number of meetings/.test(text)) {
        const expected = [...(/number of adults/.test(text) ? ['adults'] : []), 'children'];
        expect(policy.tally.groupMeeting?.participants).toEqual(expected);
        expect(policy.tally.contact).toBeUndefined();
        return;
      }
      expect([...(policy.tally.contact?.dimensions ?? [])].sort()).toEqual(
        contactDimensionsOf(row.tallied, row.targetGroup),
      );
    });
  });

  it('limits a råd och stöd series to five sessions (row 11) and home visits to 1–3 (row 4)', () => {
    const row11 = catalogue.interventions.find((policy) => policy.sourceRow === 11);
    const row4 = catalogue.interventions.find((policy) => policy.sourceRow === 4);
    expect(row11?.series?.maxContacts).toBe(5);
    expect(row4?.series).toMatchObject({ minContacts: 1, maxContacts: 3 });
    expect(row4?.tally.contact?.countedAs).toBe('home-visit');
  });

  it('lets sessions of the working-notes rows be grouped into series (rows 1, 8, 11, 14, 15)', () => {
    const withSeries = catalogue.interventions
      .filter((policy) => policy.series !== undefined)
      .map((policy) => policy.sourceRow);
    expect(withSeries).toEqual([1, 4, 8, 11, 14, 15]);
  });

  it('bands adult age in the standard five-year classes wherever it is tallied', () => {
    expect(catalogue.dimensions.find((dimension) => dimension.id === 'adultAge')).toMatchObject({
      kind: 'age',
      banding: { kind: 'five-year' },
    });
  });

  it('gives the exempt row its ground and the case-record row its system', () => {
    const row6 = catalogue.interventions.find((policy) => policy.sourceRow === 6);
    const row18 = catalogue.interventions.find((policy) => policy.sourceRow === 18);
    expect(row6?.documentation).toMatchObject({
      kind: 'exempt',
      ground: { sv: expect.stringContaining('inte vara genomförbart') },
    });
    expect(row18?.documentation).toMatchObject({
      kind: 'case-record-required',
      system: { sv: expect.any(String) },
    });
  });
});
