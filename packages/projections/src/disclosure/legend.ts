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

/** What the legend of a cell-key report needs to say. */
export interface CellKeyLegendFacts {
  readonly maxDeviation: number;
  readonly smallestPublished: number;
  /** The expected absolute deviation of a figure (rounded for the text). */
  readonly meanDeviation: number;
}

const decimal = (value: number, lang: 'sv' | 'en'): string =>
  new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(value);

/**
 * The legend of a report published by the cell-key method, in Swedish and English: that every
 * figure is perturbed and by how much, that a zero shown may be a small count, which small
 * figures never appear, that totals are perturbed on their own (margins need not add up), and
 * that the same figure always gets the same value.
 */
export function cellKeyLegend(facts: CellKeyLegendFacts): LocalizedText {
  const d = facts.maxDeviation;
  const blocked =
    facts.smallestPublished <= 1
      ? { sv: '', en: '' }
      : facts.smallestPublished === 2
        ? { sv: ' Värdet 1 visas aldrig.', en: ' The value 1 never appears.' }
        : {
            sv: ` Värdena 1–${facts.smallestPublished - 1} visas aldrig.`,
            en: ` The values 1–${facts.smallestPublished - 1} never appear.`,
          };
  return {
    sv:
      `Alla värden, även summorna, har slumpats med cellnyckelmetoden: ett värde för en period och en enhet kan avvika med upp till ${d} ` +
      `från det verkliga antalet, i genomsnitt ungefär ${decimal(facts.meanDeviation, 'sv')}. Verkliga nollor visas ` +
      `alltid som 0, men en visad nolla kan också vara ett litet antal (högst ${d}); ibland avslöjar en summa att en nolla på samma rad inte är tom, men aldrig hur många den döljer.${blocked.sv} Summorna är ` +
      'över kategorierna slumpade för sig och behöver därför inte stämma med summan av de värden de omfattar; ett värde ' +
      'över flera perioder eller enheter är summan av deras värden. Samma uppgift får alltid samma värde, i alla rapporter.',
    en:
      `Every figure, totals included, has been perturbed by the cell-key method: a figure of one period and one unit may differ from the ` +
      `true count by up to ${d}, by about ${decimal(facts.meanDeviation, 'en')} on average. True zeros are always ` +
      `shown as 0, but a 0 shown may also be a small count (at most ${d}); a total sometimes shows that a 0 in its line is not empty, never how many it hides.${blocked.en} Totals over categories are ` +
      'perturbed on their own, so they need not equal the sum of the figures they cover; a figure over several ' +
      'periods or units is the sum of theirs. The same figure always gets the same value, in every report.',
  };
}
