import { describe, expect, it } from 'vitest';
import { findPersonalData } from './find-personal-data.js';
import { NOTE_CORPUS } from './fixtures/note-corpus.js';
import { scanForPersonalData } from './personal-data-guard.js';

describe('false positives on realistic working notes (dates, times, ranges, amounts, counts)', () => {
  it('the corpus is large enough to mean something', () => {
    expect(NOTE_CORPUS.length).toBeGreaterThanOrEqual(50);
  });

  it('the guard refuses none of them', () => {
    const refused = NOTE_CORPUS.filter(
      (sentence) =>
        findPersonalData(sentence) !== undefined || scanForPersonalData({ text: sentence }) !== undefined,
    );
    expect(refused).toEqual([]);
  });
});
