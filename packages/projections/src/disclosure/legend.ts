import type { LocalizedText } from '@pinnstatistik/core';
import type { DisclosureOptions } from '../report/report-model.js';
import { defaultDisclosureOptions } from './disclosure-options.js';

/** The symbol a suppressed quantity shows instead of its count (as in SCB's tables). */
export const suppressedSymbol = '..';

/**
 * The legend that goes with a report, in Swedish and English: which counts were suppressed
 * (the symbol, and the range 1 … k − 1, from 0 when zeros are hidden) and that further cells
 * were suppressed so they cannot be derived from the totals.
 */
export function legend(options: Partial<DisclosureOptions> = {}): LocalizedText {
  const k = options.k ?? defaultDisclosureOptions.k;
  const showZeros = options.showZeros ?? defaultDisclosureOptions.showZeros;
  const lowest = showZeros ? 1 : 0;
  const highest = k - 1;
  if (highest < lowest) return { sv: 'Inga värden har undertryckts.', en: 'No values have been suppressed.' };
  const values: LocalizedText =
    highest === lowest
      ? { sv: `Värdet ${lowest} har`, en: `The value ${lowest} has` }
      : { sv: `Värden ${lowest}–${highest} har`, en: `Values ${lowest}–${highest} have` };
  return {
    sv:
      `${values.sv} undertryckts (${suppressedSymbol}) för att skydda enskilda; ytterligare celler har ` +
      'undertryckts så att de inte kan räknas fram ur summorna.',
    en:
      `${values.en} been suppressed (${suppressedSymbol}) to protect individuals; further cells have been ` +
      'suppressed so that they cannot be derived from the totals.',
  };
}
