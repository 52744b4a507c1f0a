import type { Language } from '@pinnstatistik/core';
import type { DisclosureCost } from './disclosure-cost.js';

const percent = (share: number, lang: Language): string =>
  new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);

const decimal = (value: number, lang: Language): string =>
  new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 }).format(value);

/** What disclosure control costs, in one sentence in Swedish or English. */
export function costText(cost: DisclosureCost, lang: Language): string {
  if (cost.basis === 'exact') {
    return lang === 'sv'
      ? `Röjandekontroll: ${cost.suppressed} av ${cost.figures} värden undertryckta (${percent(cost.suppressedShare, lang)}); de publicerade värdena är exakta.`
      : `Disclosure control: ${cost.suppressed} of ${cost.figures} figures suppressed (${percent(cost.suppressedShare, lang)}); the published figures are exact.`;
  }
  return lang === 'sv'
    ? `Röjandekontroll: ungefär ${percent(cost.perturbedShare, lang)} av de ${cost.figures} värdena avviker från det verkliga antalet, i genomsnitt med ${decimal(cost.meanAbsoluteDeviation, lang)} (förväntat enligt störningstabellen); inget är undertryckt.`
    : `Disclosure control: about ${percent(cost.perturbedShare, lang)} of the ${cost.figures} figures differ from the true count, by ${decimal(cost.meanAbsoluteDeviation, lang)} on average (expected under the perturbation table); nothing is suppressed.`;
}
