import { describe, expect, it } from 'vitest';
import { legend, suppressedSymbol } from './legend.js';

describe('legend', () => {
  it('names the suppressed range, the symbol and the secondary suppression, in Swedish and English', () => {
    expect(legend()).toEqual({
      sv: 'Värden 1–4 har undertryckts (..) för att skydda enskilda; ytterligare celler har undertryckts så att de inte kan räknas fram ur summorna.',
      en: 'Values 1–4 have been suppressed (..) to protect individuals; further cells have been suppressed so that they cannot be derived from the totals.',
    });
    expect(suppressedSymbol).toBe('..');
  });

  it('follows k and whether zeros are shown', () => {
    expect(legend({ k: 10 }).sv).toContain('Värden 1–9');
    expect(legend({ k: 3, showZeros: false }).en).toContain('Values 0–2');
    expect(legend({ k: 2 }).en).toContain('The value 1 has been suppressed');
    expect(legend({ k: 1, showZeros: false }).sv).toContain('Värdet 0 har undertryckts');
    expect(legend({ k: 1 })).toEqual({
      sv: 'Inga värden har undertryckts.',
      en: 'No values have been suppressed.',
    });
  });
});
