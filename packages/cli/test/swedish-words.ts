import {
  type Catalogue,
  CONTACT_UNITS,
  DOCUMENTATION_KINDS,
  NOT_APPLICABLE,
  NOT_STATED,
  vaggerydCatalogue,
  vaggerydCatalogueV1_0,
} from '@pinnstatistik/core';

/**
 * English words that have no business in a Swedish text. Words that are also Swedish
 * ("period", "problem", "version", "dimension", "total", "list", "be", "is", "in", "form")
 * are left out: the list flags only what a Swedish reader would see as English.
 */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  // function words
  'the',
  'and',
  'of',
  'to',
  'with',
  'from',
  'by',
  'this',
  'that',
  'which',
  'was',
  'were',
  'has',
  'have',
  'been',
  'not',
  'no',
  'an',
  'on',
  'at',
  'its',
  'it',
  'may',
  'must',
  'only',
  'every',
  'each',
  'here',
  'there',
  'when',
  'without',
  'whether',
  'should',
  'cannot',
  'nothing',
  'none',
  'other',
  'is',
  // the domain, in English
  'tally',
  'tallies',
  'tallied',
  'unknown',
  'field',
  'fields',
  'value',
  'values',
  'record',
  'records',
  'recorded',
  'seal',
  'sealed',
  'sealing',
  'key',
  'keys',
  'export',
  'carries',
  'root',
  'aggregate',
  'aggregates',
  'working',
  'notes',
  'note',
  'exempt',
  'case',
  'required',
  'intervention',
  'interventions',
  'unit',
  'units',
  'contact',
  'contacts',
  'session',
  'sessions',
  'series',
  'event',
  'events',
  'stream',
  'streams',
  'checkpoint',
  'catalogue',
  'missing',
  'invalid',
  'valid',
  'allowed',
  'expected',
  'received',
  'verdict',
  'finding',
  'findings',
  'clean',
  'open',
  'periods',
  'checked',
  'counted',
  'report',
  'reports',
  'detail',
  'destroyed',
  'needs',
  'give',
  'choose',
  'method',
  'statistics',
  'suppression',
  'suppressed',
  'problems',
  'file',
  'error',
  'string',
  'number',
  'input',
  'code',
  'codes',
  'gender',
  'age',
  'adult',
  'children',
  'household',
  'route',
  'further',
  'grace',
  'documentation',
  'visitors',
  'meeting',
  'meetings',
  'participants',
  'held',
  'occasions',
  'deviation',
  'figures',
  'figure',
  'kind',
]);

/** Every id the Vaggeryd catalogue (1.0 and 1.1) uses: its own, and those of interventions, units, dimensions, code lists, values and kinds. */
function catalogueIds(catalogues: readonly Catalogue[]): Set<string> {
  const ids = new Set<string>([NOT_STATED, NOT_APPLICABLE, ...DOCUMENTATION_KINDS, ...CONTACT_UNITS]);
  for (const catalogue of catalogues) {
    ids.add(catalogue.id);
    for (const policy of catalogue.interventions) ids.add(policy.id);
    for (const unit of catalogue.units) ids.add(unit.id);
    for (const dimension of catalogue.dimensions) ids.add(dimension.id);
    for (const [listId, list] of Object.entries(catalogue.codeLists)) {
      ids.add(listId);
      for (const code of list.codes) ids.add(code.code);
    }
  }
  return ids;
}

/** Words of the catalogue's own Swedish labels: an id that is also one of them ("familjecentral") is Swedish. */
function swedishLabelWords(catalogues: readonly Catalogue[]): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? []) words.add(word);
  };
  for (const catalogue of catalogues) {
    for (const policy of catalogue.interventions) add(policy.name.sv);
    for (const unit of catalogue.units) add(unit.name.sv);
    for (const dimension of catalogue.dimensions) add(dimension.label.sv);
    for (const list of Object.values(catalogue.codeLists)) for (const code of list.codes) add(code.label.sv);
  }
  return words;
}

const catalogues = [vaggerydCatalogue(), vaggerydCatalogueV1_0()];
const labelWords = swedishLabelWords(catalogues);
/** The catalogue's ids that are not also Swedish words of its labels. */
export const CATALOGUE_IDS: ReadonlySet<string> = new Set(
  [...catalogueIds(catalogues)].filter((id) => !labelWords.has(id.toLowerCase())),
);

/**
 * Machine-facing parts a Swedish text may carry as they are: refusal and finding codes
 * (UPPER_SNAKE), JSON Pointers and file paths, stream names, hex digests, command-line flags
 * (with the option values a user types), file names, ISO timestamps and commands to type.
 */
const MACHINE_FACING: readonly RegExp[] = [
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g,
  /(?<![\p{L}\p{N}])\/[^\s),;:]*/gu,
  /\b(?:tally|period|series|catalogue|checkpoint)-[\w-]+/g,
  /\b[0-9a-f]{8,}\b/g,
  /--[a-z][a-z-]*(?:[ =](?:suppression|cell-key|sv|en|md|csv|html|json)\b)?/g,
  /[\w.-]+\.(?:jsonl|json|pem|csv|md|html)\b/g,
  /\b\d{4}-\d{2}-\d{2}T[\d:.]+Z\b/g,
  // A command to type: `pinnstatistik catalogue show`, `pinnstatistik checkpoint`.
  /\bpinnstatistik (?:export|import|verify|checkpoint|prove|report|seal|series expire|catalogue show|catalogue validate|catalogue|demo|doctor)\b/g,
];

/**
 * Swedish that is wrong or unidiomatic, as the review found it: the seed's "sammanhållande"
 * belongs only inside its quotation ("Max fem sammanhållande samtal"), a void is made with an
 * "orsakskod", the family centre's partners are BHV and MHV as in the seed.
 */
const WRONG_SWEDISH: readonly RegExp[] = [
  /sammanhållande(?! samtal\b)/gi,
  /orsaksvärde/gi,
  /öppethållna/gi,
  /\b(?:BVC|MVC)\b/g,
  /Pinnstatistik får inte kunna kopplas/g,
  // Plurals made the English way.
  /\b(?:regelr|nyckelr)\b/g,
];

/** What a Swedish text says in English or by id: each offence with the words around it. */
export function englishOrIds(text: string): string[] {
  let plain = text;
  for (const pattern of MACHINE_FACING) plain = plain.replace(pattern, ' ');
  const offences: string[] = [];
  for (const pattern of WRONG_SWEDISH)
    for (const match of plain.matchAll(pattern)) offences.push(`wrong Swedish "${match[0]}"`);
  // A command's or an event's name (OpenSeries, AmendSheet) is the API's English, not Swedish.
  for (const match of plain.matchAll(/\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/g))
    offences.push(`API name "${match[0]}"`);
  for (const match of plain.matchAll(/[\p{L}\p{N}][\p{L}\p{N}_-]*/gu)) {
    const token = match[0].replace(/-+$/, '');
    const parts = token.split('-').map((part) => part.toLowerCase());
    const hit = CATALOGUE_IDS.has(token)
      ? `id "${token}"`
      : parts.find((part) => ENGLISH_WORDS.has(part)) !== undefined
        ? `English "${token}"`
        : undefined;
    if (hit !== undefined) {
      const at = match.index ?? 0;
      offences.push(
        `${hit} in «${plain
          .slice(Math.max(0, at - 40), at + token.length + 40)
          .replace(/\s+/g, ' ')
          .trim()}»`,
      );
    }
  }
  return offences;
}

/** The text a reader sees in an HTML page: the body without tags, plus titles and labels. */
export function visibleHtmlText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:title|aria-label|alt)="([^"]*)"/g)].map((match) => match[1]);
  const body = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [body, ...attributes]
    .join('\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/**
 * `catalogue show` without its id column: the id is the key a developer passes to the API, as
 * the CSV's `insats_id` is; every other column names the intervention by its labels.
 */
export function catalogueTableWithoutIds(table: string): string {
  return table.replace(/^(\d+\s+)\S+/gm, '$1');
}

/** A CSV's text without its machine-facing columns (ids and keys, named `…_id` or `…_nyckel`). */
export function csvWithoutIdColumns(csv: string): string {
  const rows = csv
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((match) => match[1] ?? ''));
  const header = rows[0] ?? [];
  const keep = header.map((name) => !/(?:_id|_nyckel)$/.test(name.replace(/"/g, '')));
  return rows.map((row) => row.filter((_, index) => keep[index] ?? true).join(',')).join('\n');
}
