import {
  type Catalogue,
  DOCUMENTATION_KIND_LABELS,
  findDimension,
  type InterventionPolicy,
  type Language,
} from '@pinnstatistik/core';
import { textTable } from './text-table.js';

const headers = {
  sv: ['rad', 'id', 'insats', 'dokumentation', 'registreras', 'enheter'],
  en: ['row', 'id', 'intervention', 'documentation', 'tallied', 'units'],
} as const;

/** What a policy tallies: in Swedish by the dimensions' labels, in English by their ids (which a developer passes). */
const recording = (policy: InterventionPolicy, catalogue: Catalogue, lang: Language): string => {
  const parts: string[] = [];
  const named = (id: string) => (lang === 'sv' ? (findDimension(catalogue, id)?.label.sv ?? id) : id);
  if (policy.tally.contact !== undefined)
    parts.push(
      `${lang === 'sv' ? 'kontakter' : 'contacts'} (${policy.tally.contact.dimensions.map(named).join(', ') || '–'})`,
    );
  if (policy.tally.groupMeeting !== undefined) parts.push(lang === 'sv' ? 'gruppträffar' : 'group meetings');
  if (policy.tally.visitors !== undefined) parts.push(lang === 'sv' ? 'besökare' : 'visitors');
  return parts.join('; ') || '–';
};

/** The decision behind a catalogue; said once when none of its fields is known ("uppgift saknas i källan"). */
function decisionLine(catalogue: Catalogue, lang: Language): string {
  const { body, diaryNumber, date } = catalogue.decision;
  if (body === diaryNumber && body === date)
    return lang === 'sv'
      ? `Beslut (organ, diarienummer, datum): ${body}`
      : `Decision (body, diary number, date): ${body}`;
  return `${lang === 'sv' ? 'Beslut' : 'Decision'}: ${body}, dnr ${diaryNumber}, ${date}`;
}

/** A catalogue's heading and its interventions as a table, in Swedish or English. */
export function catalogueTable(catalogue: Catalogue, lang: Language): string {
  const sv = lang === 'sv';
  const heading = [
    sv
      ? `${catalogue.municipality.name}: katalog version ${catalogue.version}, gäller från ${catalogue.effectiveFrom}`
      : `${catalogue.municipality.name}: catalogue "${catalogue.id}" version ${catalogue.version}, in force from ${catalogue.effectiveFrom}`,
    decisionLine(catalogue, lang),
    '',
  ];
  const units = new Map(catalogue.units.map((unit) => [unit.id, unit.name[lang]]));
  const rows = catalogue.interventions.map((policy) => [
    policy.sourceRow === undefined ? '' : String(policy.sourceRow),
    policy.id,
    policy.name[lang],
    lang === 'sv' ? DOCUMENTATION_KIND_LABELS[policy.documentation.kind].sv : policy.documentation.kind,
    recording(policy, catalogue, lang),
    policy.responsibleUnits.map((unit) => units.get(unit) ?? unit).join(', '),
  ]);
  return `${heading.join('\n')}\n${textTable(headers[lang], rows)}`;
}
