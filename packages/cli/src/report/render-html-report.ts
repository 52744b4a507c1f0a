import type { Language } from '@pinnstatistik/core';
import { costText, type PublishedReport, type StatisticsReport } from '@pinnstatistik/projections';
import { escapeHtml } from './html-escape.js';
import { htmlStyles } from './html-styles.js';
import { htmlTable } from './html-table.js';
import { htmlWords } from './html-words.js';
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
}

const anchor = (interventionId: string): string => `iv-${interventionId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * The report as one self-contained HTML page: no scripts, no network, no external assets (a
 * Content-Security-Policy forbids them). The header gives the catalogue version, the range,
 * the disclosure settings and the audit's verdict; then per intervention its tables (suppressed
 * cells marked) with an inline SVG bar chart each, and the legend. Prints on A4.
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
  const contents = `<nav><h2>${words.contents}</h2><ol>${report.interventions
    .map(
      (intervention) =>
        `<li><a href="#${anchor(intervention.interventionId)}">${escapeHtml(intervention.name[lang])}</a></li>`,
    )
    .join('')}</ol></nav>`;
  const sections = report.interventions.map((intervention) => {
    const figures = intervention.tableIds.flatMap((id) => {
      const table = tables.get(id);
      if (table === undefined) return [];
      return [
        `<figure class="report-table" data-table-id="${escapeHtml(table.id)}">`,
        `<figcaption>${escapeHtml(table.title[lang])}</figcaption>`,
        htmlTable(table, lang, words),
        tableChartSvg(table, lang, words),
        `<p class="cost">${escapeHtml(costText(table.cost, lang))}</p>`,
        '</figure>',
      ];
    });
    const row = intervention.sourceRow === undefined ? '' : `${intervention.sourceRow}. `;
    return [
      `<section class="intervention" id="${anchor(intervention.interventionId)}">`,
      `<h2>${escapeHtml(row + intervention.name[lang])}</h2>`,
      `<p class="about">${escapeHtml(words.sheets(intervention.sheets.sealed, intervention.sheets.open))} ${escapeHtml(words.corrections(intervention.corrections.voided, intervention.corrections.amendments))}</p>`,
      ...figures,
      `<p class="legend"><strong>${words.legend}:</strong> ${escapeHtml(document.legend[lang])}</p>`,
      '</section>',
    ].join('\n');
  });
  const excluded =
    report.excluded.length === 0
      ? ''
      : `<section class="excluded"><h2>${words.excluded}</h2><ul class="excluded">${report.excluded
          .map(
            (entry) =>
              `<li><strong>${escapeHtml(entry.name[lang])}</strong>: ${escapeHtml(entry.reason[lang])}</li>`,
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
    contents,
    '<main>',
    ...sections,
    excluded,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
