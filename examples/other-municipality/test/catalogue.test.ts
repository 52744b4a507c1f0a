import { defaultCodeLists, vaggerydCatalogue } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/index.js';

const load = () => {
  const result = loadCatalogue();
  if (result._tag === 'Left') throw new Error(JSON.stringify(result.left.issues));
  return result.right;
};

describe('the Exempelby catalogue (fictional)', () => {
  it('validates', () => {
    expect(loadCatalogue()._tag).toBe('Right');
  });

  it('says plainly that it is fictional', () => {
    const catalogue = load();
    expect(catalogue.municipality.name).toContain('fiktiv');
    expect(catalogue.source?.sv).toMatch(/^FIKTIV KATALOG/);
    expect(catalogue.source?.en).toMatch(/^FICTIONAL CATALOGUE/);
    expect(catalogue.decision.diaryNumber).toContain('fiktiv');
  });

  it('has interventions of every documentation kind, its own units, a custom code list and dimension', () => {
    const catalogue = load();
    const kinds = catalogue.interventions.map((policy) => policy.documentation.kind);
    expect(new Set(kinds)).toEqual(
      new Set(['aggregate', 'aggregate-with-working-notes', 'exempt', 'case-record-required']),
    );
    const vaggerydUnits = new Set(vaggerydCatalogue().units.map((unit) => unit.id));
    expect(catalogue.units.filter((unit) => vaggerydUnits.has(unit.id))).toEqual([]);
    const custom = Object.keys(catalogue.codeLists).filter((id) => !(id in defaultCodeLists));
    expect(custom).toEqual(['contactMode']);
    expect(catalogue.dimensions.find((dimension) => dimension.id === 'contactMode')).toMatchObject({
      kind: 'code-list',
      codeList: 'contactMode',
    });
    const kindsOfTally = catalogue.interventions.flatMap((policy) => Object.keys(policy.tally));
    expect(new Set(kindsOfTally)).toEqual(new Set(['contact', 'groupMeeting', 'visitors']));
  });
});
