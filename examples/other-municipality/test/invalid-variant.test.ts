import { readFileSync } from 'node:fs';
import { parseCatalogueJson } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { catalogueFile, catalogueMistakes, invalidVariant } from '../src/index.js';

const valid = readFileSync(catalogueFile, 'utf8');

const issuesOf = (text: string) => {
  const result = parseCatalogueJson(text);
  if (result._tag === 'Right') throw new Error('an invalid catalogue was accepted');
  return result.left.issues;
};

describe('an invalid variant of the catalogue', () => {
  it('reports every mistake at once, each at its JSON Pointer', () => {
    const issues = issuesOf(invalidVariant(valid));
    expect(issues.map((issue) => issue.path).sort()).toEqual(
      catalogueMistakes.map((mistake) => mistake.reportedAt).sort(),
    );
  });

  for (const mistake of catalogueMistakes) {
    it(`points at ${mistake.reportedAt} for ${mistake.mistake}, and nowhere else`, () => {
      const issues = issuesOf(invalidVariant(valid, [mistake]));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe(mistake.reportedAt);
    });
  }

  it('reports JSON that does not parse at the root, without quoting it', () => {
    const issues = issuesOf(`${valid.slice(0, 200)} "personnummer": "19850709-9805"`);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('');
  });
});
