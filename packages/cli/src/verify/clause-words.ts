import type { Language } from '@pinnstatistik/core';

/** The rules findings are grouped under, in words, by the clause's shape (ids stand for one intervention). */
const CLAUSES: readonly { readonly pattern: RegExp; readonly sv: string }[] = [
  { pattern: /^envelope\/hash-chain$/, sv: 'Hashkedjorna' },
  { pattern: /^envelope\/payload$/, sv: 'Händelsernas innehåll' },
  { pattern: /^export\/trailer$/, sv: 'Exportfilens avslutande rad' },
  { pattern: /^log\/checkpoint$/, sv: 'Signerade kontrollpunkter' },
  { pattern: /^log\/deleted-stream$/, sv: 'Raderade strömmar' },
  { pattern: /^log\/stream-tree$/, sv: 'Strömmarnas Merkleträd' },
  { pattern: /^catalogue\/effectiveFrom$/, sv: 'Katalogversionen i kraft' },
  { pattern: /^interventions$/, sv: 'Katalogens insatser' },
  { pattern: /^interventions\/[^/]+\/documentation$/, sv: 'Insatsens dokumentationsnivå' },
  { pattern: /^interventions\/[^/]+\/tally\//, sv: 'Det som registreras för insatsen' },
  { pattern: /^interventions\/[^/]+\/series\/minContacts$/, sv: 'Seriens minsta antal kontakter' },
  { pattern: /^interventions\/[^/]+\/series$/, sv: 'Seriens gräns' },
  { pattern: /^dimensions\//, sv: 'Uppgifternas tillåtna värden' },
  { pattern: /^privacy\/encryption$/, sv: 'Kryptering av detaljerna' },
  { pattern: /^privacy\/personal-data$/, sv: 'Personuppgifter i klartext' },
  { pattern: /^sealing\/gracePeriod$/, sv: 'Försegling när respittiden gått ut' },
  { pattern: /^sealing\/shredding$/, sv: 'Förstörda nycklar efter försegling' },
  { pattern: /^series\/closing$/, sv: 'Förstörda nycklar när serier avslutas' },
];

/**
 * A finding's rule as a heading: in Swedish by its name (the clause is a path of English field
 * names and ids); in English by the clause itself, as the JSON verdict gives it.
 */
export function clauseHeading(clause: string, lang: Language): string {
  if (lang === 'en') return clause;
  return CLAUSES.find((entry) => entry.pattern.test(clause))?.sv ?? 'Övriga regler';
}
