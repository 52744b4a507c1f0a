import type { Catalogue, InterventionPolicy, Language } from '@pinnstatistik/core';
import { textTable } from './text-table.js';

const headers = {
  sv: ['rad', 'id', 'insats', 'dokumentation', 'registreras', 'enheter'],
  en: ['row', 'id', 'intervention', 'documentation', 'tallied', 'units'],
} as const;

const recording = (policy: InterventionPolicy, lang: Language): string => {
  const parts: string[] = [];
  if (policy.tally.contact !== undefined)
    parts.push(
      `${lang === 'sv' ? 'kontakter' : 'contacts'} (${policy.tally.contact.dimensions.join(', ') || '–'})`,
    );
  if (policy.tally.groupMeeting !== undefined) parts.push(lang === 'sv' ? 'gruppträffar' : 'group meetings');
  if (policy.tally.visitors !== undefined) parts.push(lang === 'sv' ? 'besökare' : 'visitors');
  return parts.join('; ') || '–';
};

/** A catalogue's heading and its interventions as a table, in Swedish or English. */
export function catalogueTable(catalogue: Catalogue, lang: Language): string {
  const sv = lang === 'sv';
  const heading = [
    `${catalogue.municipality.name}: ${sv ? 'katalog' : 'catalogue'} "${catalogue.id}" ${sv ? 'version' : 'version'} ${catalogue.version}, ${sv ? 'gäller från' : 'in force from'} ${catalogue.effectiveFrom}`,
    `${sv ? 'Beslut' : 'Decision'}: ${catalogue.decision.body}, dnr ${catalogue.decision.diaryNumber}, ${catalogue.decision.date}`,
    '',
  ];
  const units = new Map(catalogue.units.map((unit) => [unit.id, unit.name[lang]]));
  const rows = catalogue.interventions.map((policy) => [
    policy.sourceRow === undefined ? '' : String(policy.sourceRow),
    policy.id,
    policy.name[lang],
    policy.documentation.kind,
    recording(policy, lang),
    policy.responsibleUnits.map((unit) => units.get(unit) ?? unit).join(', '),
  ]);
  return `${heading.join('\n')}\n${textTable(headers[lang], rows)}`;
}
