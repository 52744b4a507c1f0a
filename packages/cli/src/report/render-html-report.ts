import type { Language } from '@pinnstatistik/core';
import {
  costText,
  howToRead,
  interventionLabel,
  type PublishedReport,
  reportOverview,
  type StatisticsReport,
} from '@pinnstatistik/projections';
import { escapeHtml } from './html-escape.js';
import { htmlComparisonTable, htmlOverviewTable, sectionAnchor } from './html-overview.js';
import { htmlStyles } from './html-styles.js';
import { htmlTable } from './html-table.js';
import { htmlWords } from './html-words.js';
import { incompletePeriods, incompleteText, type MonthStates, shownPeriods } from './period-status.js';
import { isPeriodTable, shownTableIds } from './shown-tables.js';
import { tableChartSvg } from './table-chart.js';

/** What the HTML report's header says besides the report itself. */
export interface HtmlReportContext {
  readonly lang: Language;
  /** Where the log came from (no credentials). */
  readonly source: string;
  /** When the report was made (ISO 8601). */
  readonly generatedAt: string;
  /** The audit's verdict on the same log. */
  readonly audit: { readonly clean: boolean; readonly findings: number; readonly codes: readonly string[] };
  /** Things the reader must know (e.g. open periods that could not be read). */
  readonly notes: readonly string[];
  /** Which months are sealed, unreadable or still going on: periods not all sealed are marked `*`. */
  readonly months?: MonthStates;
}

/**
 * The report as one self-contained HTML page: no scripts, no network, no external assets (a
 * Content-Security-Policy forbids them). The header gives the catalogue version, the range,
 * the disclosure settings and the audit's verdict; then, before any table, how to read the
 * figures in plain words and which periods are incomplete; the overview of every intervention
 * by period (and the comparison with the previous period, when asked); then per intervention —
 * numbered by its catalogue row and named with its units — its tables (suppressed cells marked,
 * incomplete periods marked `*`) each with an inline SVG bar chart, and the legend. Wide tables
 * scroll inside their box on screen; the page prints on A4 landscape.
 */
export function renderHtmlReport(
  report: StatisticsReport | PublishedReport,
  context: HtmlReportContext,
): string {
  const { lang } = context;
  const words = htmlWords[lang];
  const { document, options, catalogue } = report;
  const title = document.title?.[lang] ?? catalogue.municipality;
  const tables = new Map(document.tables.map((table) => [table.id, table]));
  const incomplete = incompletePeriods(shownPeriods(report), context.months);
  const incompleteKeys = new Set(incomplete.map((period) => period.key));
  const reportIncomplete = report.periods.some((period) => incompleteKeys.has(period.key));
  const verdict = context.audit.clean
    ? `<span class="verdict clean">${escapeHtml(words.clean)}</span>`
    : `<span class="verdict not-clean">${escapeHtml(words.notClean(context.audit.findings))}</span> ${escapeHtml(context.audit.codes.join(', '))}`;
  const header = [
    `<header>`,
    `<h1>${escapeHtml(title)}</h1>`,
    '<dl class="meta">',
    `<dt>${words.catalogue}</dt><dd>${escapeHtml(catalogue.municipality)}: ${lang === 'sv' ? '' : `${escapeHtml(catalogue.id)}, `}${words.version} <strong class="catalogue-version">${escapeHtml(catalogue.version)}</strong></dd>`,
    `<dt>${words.period}</dt><dd>${escapeHtml(options.from)} – ${escapeHtml(options.to)}, ${words.granularity[options.granularity]}</dd>`,
    `<dt>${words.disclosure}</dt><dd>${escapeHtml(
      options.method === 'cell-key'
        ? words.cellKey(options.maxDeviation, options.variance)
        : words.threshold(options.k),
    )}${'recorded' in report ? `; ${escapeHtml(words.recorded(report.recorded))}` : ''}<br><span class="cost">${escapeHtml(costText(document.cost, lang))}</span></dd>`,
    `<dt>${words.audit}</dt><dd class="audit">${verdict}</dd>`,
    `<dt>${words.source}</dt><dd>${escapeHtml(context.source)}</dd>`,
    `<dt>${words.generated}</dt><dd>${escapeHtml(context.generatedAt)}</dd>`,
    '</dl>',
    context.notes.length === 0
      ? ''
      : `<div class="notes"><strong>${words.notes}</strong>${context.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('')}</div>`,
    '</header>',
  ].join('\n');
  const guide = [
    '<section class="how-to-read" id="how-to-read">',
    `<h2>${escapeHtml(words.howToRead)}</h2>`,
    ...howToRead(document, lang).map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    incomplete.length === 0
      ? ''
      : [
          `<h3>${escapeHtml(words.incompleteHeading)}</h3>`,
          `<p>${escapeHtml(words.incompleteAbout)}</p>`,
          `<ul class="incomplete-periods">${incomplete.map((period) => `<li data-period="${escapeHtml(period.key)}">${escapeHtml(incompleteText(period, lang))}</li>`).join('')}</ul>`,
        ].join('\n'),
    '</section>',
  ].join('\n');
  const overview = reportOverview(report);
  const overviewSection = [
    '<section class="overview" id="overview">',
    `<h2>${escapeHtml(words.overview)}</h2>`,
    `<p class="about">${escapeHtml(words.overviewAbout(words.granularity[options.granularity]))}</p>`,
    htmlOverviewTable(overview, lang, words, incompleteKeys),
    '</section>',
    overview.comparison === undefined
      ? ''
      : [
          '<section class="comparison" id="comparison">',
          `<h2>${escapeHtml(words.comparison)}</h2>`,
          `<p class="about">${escapeHtml(words.comparisonAbout(overview.comparison.previous.label[lang], overview.comparison.current.label[lang]))}</p>`,
          htmlComparisonTable(overview.comparison, lang, words, incompleteKeys),
          '</section>',
        ].join('\n'),
  ].join('\n');
  const sections = report.interventions.map((intervention) => {
    const figures = shownTableIds(intervention).flatMap((id) => {
      const table = tables.get(id);
      if (table === undefined) return [];
      const periodRows = isPeriodTable(table, report.periods);
      return [
        `<figure class="report-table" data-table-id="${escapeHtml(table.id)}">`,
        `<figcaption>${escapeHtml(table.title[lang])}</figcaption>`,
        htmlTable(table, lang, words, incompleteKeys),
        tableChartSvg(table, lang, words, incompleteKeys),
        !periodRows && reportIncomplete
          ? `<p class="incomplete-note">${escapeHtml(words.incompleteInTable)}</p>`
          : '',
        `<p class="cost">${escapeHtml(costText(table.cost, lang))}</p>`,
        '</figure>',
      ];
    });
    return [
      `<section class="intervention" id="${sectionAnchor(intervention.interventionId)}" data-source-row="${intervention.sourceRow ?? ''}">`,
      `<h2>${escapeHtml(interventionLabel(intervention, lang))}</h2>`,
      // No count of sheets or corrections: they are counts from the cube, not protected figures —
      // a sheet exists only where someone was tallied, so "1 sheet" beside a month whose figures
      // are all 0 said "someone, 1 … 3" (attack 43).
      ...figures,
      `<p class="legend"><strong>${words.legend}:</strong> ${escapeHtml(document.legend[lang])}</p>`,
      '</section>',
    ].join('\n');
  });
  const excluded =
    report.excluded.length === 0
      ? ''
      : `<section class="excluded" id="excluded"><h2>${words.excluded}</h2><ul class="excluded">${report.excluded
          .map(
            (entry) =>
              `<li><strong>${escapeHtml(interventionLabel(entry, lang))}</strong>: ${escapeHtml(entry.reason[lang])}</li>`,
          )
          .join('')}</ul></section>`;
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${htmlStyles}</style>`,
    '</head>',
    '<body>',
    header,
    guide,
    overviewSection,
    '<main>',
    ...sections,
    excluded,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
