import type { Language } from '@pinnstatistik/core';
import type { Change, DocumentCell, ReportOverview } from '@pinnstatistik/projections';
import { escapeHtml } from './html-escape.js';
import { incompleteMark } from './html-table.js';
import type { htmlWords } from './html-words.js';

/** Words the overview uses. */
type Words = (typeof htmlWords)[Language];

/** The anchor of an intervention's section. */
export const sectionAnchor = (interventionId: string): string =>
  `iv-${interventionId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const figure = (cell: DocumentCell | undefined, words: Words, total = false): string => {
  const classes = [
    total ? 'total' : '',
    cell?.suppressed === true ? 'suppressed' : '',
    cell === undefined ? 'none' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const attributes = classes === '' ? '' : ` class="${classes}"`;
  if (cell === undefined) return `<td${attributes}>–</td>`;
  return cell.suppressed
    ? `<td${attributes} title="${escapeHtml(words.suppressed)}">..</td>`
    : `<td${attributes}>${cell.value}</td>`;
};

/** A signed whole number with a true minus sign: `+12`, `−3`, `0`. */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `\u2212${-value}` : '0';
}

/** A change's two cells: the difference and the percentage (`..` when a figure is hidden). */
export function changeTexts(change: Change, lang: Language): [string, string] {
  if (change.kind === 'none') return ['–', '–'];
  if (change.kind === 'suppressed') return ['..', '..'];
  const percent =
    change.percent === undefined ? '–' : `${signed(change.percent)}${lang === 'sv' ? '\u00a0%' : '%'}`;
  return [signed(change.difference), percent];
}

const scrollBox = (label: string, table: string): string =>
  `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(label)}">\n${table}\n</div>`;

/**
 * The overview as HTML: one row per intervention (numbered by its catalogue row, named with its
 * units, linked to its section), what it counts, its figure for every period — incomplete
 * periods marked `*` in the column heading and their cells shaded — and in total.
 */
export function htmlOverviewTable(
  overview: ReportOverview,
  lang: Language,
  words: Words,
  incomplete: ReadonlySet<string>,
): string {
  const head = [
    `<th scope="col">${escapeHtml(words.intervention)}</th>`,
    `<th scope="col">${escapeHtml(words.counted)}</th>`,
    ...overview.periods.map((period) =>
      incomplete.has(period.key)
        ? `<th scope="col" class="incomplete">${escapeHtml(period.label[lang])}${incompleteMark(words.incomplete)}</th>`
        : `<th scope="col">${escapeHtml(period.label[lang])}</th>`,
    ),
    `<th scope="col">${escapeHtml(words.total)}</th>`,
  ].join('');
  const body = overview.rows
    .map((row) => {
      if (row.excluded !== undefined)
        return `<tr class="excluded" data-intervention="${escapeHtml(row.interventionId)}"><th scope="row">${escapeHtml(row.label[lang])}</th><td class="excluded" colspan="${overview.periods.length + 2}"><a href="#excluded">${escapeHtml(words.notIncluded)}</a></td></tr>`;
      const cells = row.cells
        .map((cell, p) => {
          const html = figure(cell, words);
          const period = overview.periods[p];
          return period !== undefined && incomplete.has(period.key)
            ? html.replace('<td', '<td data-incomplete="true"')
            : html;
        })
        .join('');
      const heading =
        row.unit === undefined
          ? `<tr data-intervention="${escapeHtml(row.interventionId)}"><th scope="row"><a href="#${sectionAnchor(row.interventionId)}">${escapeHtml(row.label[lang])}</a></th>`
          : `<tr class="unit-row" data-unit="${escapeHtml(row.unit.id)}"><th scope="row">${escapeHtml(row.label[lang])}</th>`;
      return `${heading}<td class="counted">${escapeHtml(row.counts?.[lang] ?? words.noHeadline)}</td>${cells}${figure(row.total, words, true)}</tr>`;
    })
    .join('\n');
  return scrollBox(
    words.scrollTable(words.overview),
    `<table class="overview">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`,
  );
}

/** The comparison as HTML: the last period against the one before, and the change, per intervention. */
export function htmlComparisonTable(
  comparison: NonNullable<ReportOverview['comparison']>,
  lang: Language,
  words: Words,
  incomplete: ReadonlySet<string>,
): string {
  const label = (period: { key: string; label: { sv: string; en: string } }) =>
    `${escapeHtml(period.label[lang])}${incomplete.has(period.key) ? incompleteMark(words.incomplete) : ''}`;
  const head = [
    `<th scope="col">${escapeHtml(words.intervention)}</th>`,
    `<th scope="col">${escapeHtml(words.counted)}</th>`,
    `<th scope="col">${label(comparison.previous)}</th>`,
    `<th scope="col">${label(comparison.current)}</th>`,
    `<th scope="col">${escapeHtml(words.change)}</th>`,
    `<th scope="col">${escapeHtml(words.changePercent)}</th>`,
  ].join('');
  const body = comparison.rows
    .map((row) => {
      const [difference, percent] = changeTexts(row.change, lang);
      const hidden = row.change.kind === 'suppressed' ? ' class="suppressed"' : '';
      return `<tr data-intervention="${escapeHtml(row.interventionId)}"><th scope="row">${escapeHtml(row.label[lang])}</th><td class="counted">${escapeHtml(row.counts?.[lang] ?? words.noHeadline)}</td>${figure(row.previous, words)}${figure(row.current, words)}<td${hidden} data-change="difference">${difference}</td><td${hidden} data-change="percent">${percent}</td></tr>`;
    })
    .join('\n');
  return scrollBox(
    words.scrollTable(words.comparison),
    `<table class="comparison">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`,
  );
}
