import { describe, expect, it } from 'vitest';
import { htmlWords } from './html-words.js';
import { unreadablePeriodsNote } from './report-notes.js';

describe('the HTML report’s words', () => {
  it('agree in number in Swedish', () => {
    const { notClean } = htmlWords.sv;
    expect(notClean(1)).toBe('INTE REN — 1 avvikelse');
    expect(notClean(3)).toBe('INTE REN — 3 avvikelser');
    expect(JSON.stringify(Object.values(htmlWords.sv))).not.toMatch(/tally/i);
  });

  it('say which values are suppressed for every k', () => {
    expect(htmlWords.sv.threshold(5)).toBe('värden 1–4 undertrycks (k = 5)');
    expect(htmlWords.sv.threshold(2)).toBe('värdet 1 undertrycks (k = 2)');
    expect(htmlWords.sv.threshold(1)).toBe('inga värden undertrycks (k = 1)');
  });

  it('note one unreadable period in the singular, several in the plural, saying where the keys are in the same language', () => {
    const keys = { sv: 'en exportfil innehåller inga nycklar', en: 'an export carries no keys' };
    expect(unreadablePeriodsNote(['2025-12'], keys, 'sv')).toMatch(
      /^Detaljerna för den öppna \(ej förseglade\) perioden 2025-12 kan inte läsas utan dess nyckel \(en exportfil innehåller inga nycklar\)/,
    );
    expect(unreadablePeriodsNote(['2025-11', '2025-12'], keys, 'sv')).toMatch(
      /de öppna \(ej förseglade\) perioderna 2025-11, 2025-12 kan inte läsas utan deras nycklar/,
    );
    expect(unreadablePeriodsNote(['2025-12'], keys, 'en')).toContain('(an export carries no keys)');
    expect(unreadablePeriodsNote([], keys, 'sv')).toBeUndefined();
  });
});
