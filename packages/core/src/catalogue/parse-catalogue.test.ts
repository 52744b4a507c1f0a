import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { catalogueInForceOn } from './catalogue-history.js';
import {
  catalogueJsonSchema,
  isCatalogueInvalid,
  parseCatalogue,
  parseCatalogueJson,
} from './parse-catalogue.js';
import { vaggerydCatalogue, vaggerydCatalogueInput } from './vaggeryd/vaggeryd-catalogue.js';

const clone = (): Record<string, unknown> => JSON.parse(JSON.stringify(vaggerydCatalogueInput));

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = parseCatalogue(input);
  if (E.isRight(result)) throw new Error('expected the catalogue to be refused');
  expect(isCatalogueInvalid(result.left)).toBe(true);
  return [...result.left.issues];
}

describe('loading a catalogue from JSON', () => {
  it('loads the Vaggeryd catalogue from its own JSON', () => {
    const result = parseCatalogueJson(JSON.stringify(vaggerydCatalogueInput));
    expect(E.isRight(result) && result.right.interventions).toHaveLength(18);
  });

  it('locates an unknown unit by the exact path of the reference', () => {
    const input = clone() as { interventions: { responsibleUnits: string[] }[] };
    (input.interventions[3] as { responsibleUnits: string[] }).responsibleUnits = [
      'familjecentral',
      'tandvarden',
    ];
    expect(issuesOf(input)).toContainEqual({
      path: '/interventions/3/responsibleUnits/1',
      message: "an unknown unit (not among the catalogue's units)",
    });
  });

  it('locates a wrong documentation kind, an unknown field and a bad SFS number', () => {
    const input = clone() as Record<string, unknown> & {
      interventions: Record<string, unknown>[];
      legalBasis: Record<string, unknown>[];
    };
    (input.interventions[0] as { documentation: unknown }).documentation = { kind: 'notes-only' };
    (input.interventions[2] as Record<string, unknown>).colour = 'blue';
    (input.legalBasis[0] as Record<string, unknown>).sfs = 'SoL';
    const paths = issuesOf(input).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/interventions/0/documentation/kind',
        '/interventions/2',
        '/legalBasis/0/sfs',
      ]),
    );
    expect(issuesOf(input).find((issue) => issue.path === '/interventions/2')?.message).toContain('colour');
  });

  it('refuses a dimension that is tallied but not defined, and a cross-tabulation of an untallied one', () => {
    const input = clone() as {
      interventions: { tally: { contact?: { dimensions: string[]; crossTabulations?: string[][] } } }[];
    };
    const contact = input.interventions[0]?.tally.contact;
    if (contact === undefined) throw new Error('row 1 tallies contacts');
    contact.dimensions.push('shoeSize');
    contact.crossTabulations = [
      ['gender', 'routeIn'],
      ['gender', 'relationToRelative'],
    ];
    expect(issuesOf(input)).toEqual(
      expect.arrayContaining([
        {
          path: '/interventions/0/tally/contact/dimensions/7',
          message: "an unknown dimension (not among the catalogue's dimensions)",
        },
        {
          path: '/interventions/0/tally/contact/crossTabulations/1/1',
          message: 'a cross-tabulated dimension the intervention does not tally',
        },
      ]),
    );
  });

  it('refuses an exempt intervention that tallies, and an aggregate one that tallies nothing', () => {
    const input = clone() as { interventions: { tally?: unknown }[] };
    (input.interventions[5] as { tally?: unknown }).tally = {
      contact: { countedAs: 'talk', dimensions: [] },
    };
    (input.interventions[1] as { tally?: unknown }).tally = {};
    const paths = issuesOf(input).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['/interventions/5/tally', '/interventions/1/tally']));
  });

  it('reports a JSON syntax error at the root', () => {
    const result = parseCatalogueJson('{"id": "vaggeryd",');
    expect(E.isLeft(result) && result.left.issues[0]?.path).toBe('');
  });

  it('exports a JSON Schema that describes the catalogue', () => {
    const schema = catalogueJsonSchema() as {
      type?: string;
      properties?: Record<string, unknown>;
      required?: string[];
    };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'version',
        'effectiveFrom',
        'decision',
        'legalBasis',
        'interventions',
        'codeLists',
      ]),
    );
    expect(JSON.stringify(schema)).toContain('case-record-required');
  });
});

describe('the catalogue in force on a date', () => {
  const first = vaggerydCatalogue();
  const revised = { ...first, version: '2.0', effectiveFrom: '2025-07-01' };

  it('is the latest version effective on or before the date', () => {
    const history = [first, revised];
    expect(catalogueInForceOn(history, '2024-12-31')).toBeUndefined();
    expect(catalogueInForceOn(history, '2025-01-01')?.version).toBe('1.1');
    expect(catalogueInForceOn(history, '2025-06-30')?.version).toBe('1.1');
    expect(catalogueInForceOn(history, '2025-07-01')?.version).toBe('2.0');
  });

  it('does not depend on adoption order when effective dates differ (a later adoption can be for an earlier date)', () => {
    expect(catalogueInForceOn([revised, first], '2025-03-01')?.version).toBe('1.1');
    expect(catalogueInForceOn([revised, first], '2025-08-01')?.version).toBe('2.0');
  });
});
