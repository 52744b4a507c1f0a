import type { Language } from '@pinnstatistik/core';
import {
  costText,
  type DocumentCell,
  escapeMarkdown,
  howToRead,
  interventionLabel,
  markdownTable,
  type PublishedReport,
  reportOverview,
  type StatisticsReport,
} from '@pinnstatistik/projections';
import { changeTexts } from './html-overview.js';
import { htmlWords } from './html-words.js';
import { markdownPreamble } from './markdown-preamble.js';
import { incompletePeriods, incompleteText, type MonthStates, shownPeriods } from './period-status.js';
import { isPeriodTable, shownTableIds } from './shown-tables.js';

/** What the Markdown report says besides the report itself. */
export interface MarkdownReportContext {
  readonly lang: Language;
  /** Where the log came from (no credentials). */
  readonly source: string;
  /** Things the reader must know (e.g. open periods that could not be read). */
  readonly notes: readonly string[];
  /** Which months are sealed, unreadable or still going on: periods not all sealed are marked `*`. */
  readonly months?: MonthStates;
}

const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const figure = (cell: DocumentCell | undefined): string =>
  cell === undefined ? '–' : cell.suppressed ? '..' : String(cell.value);

/**
 * The report as GitHub-flavoured Markdown, with the HTML report's content in the same order:
 * the settings, how to read the figures and which periods are incomplete, the overview of every
 * intervention by period (and the comparison, when asked), then per intervention — numbered by
 * its catalogue row and named with its units — its tables with incomplete periods marked `*`,
 * what protection costs each, and the legend.
 */
export function renderMarkdownReport(
  report: StatisticsReport | PublishedReport,
  context: MarkdownReportContext,
): string {
  const { lang } = context;
  const words = htmlWords[lang];
  const { document, options } = report;
  const incomplete = incompletePeriods(shownPeriods(report), context.months);
  const marked = new Set(incomplete.map((period) => period.key));
  const reportIncomplete = report.periods.some((period) => marked.has(period.key));
  const mark = (key: string): string => (marked.has(key) ? '*' : '');
  const parts: string[] = [markdownPreamble(report, context.source, context.notes, lang).trimEnd()];

  parts.push(`## ${escapeMarkdown(words.howToRead)}`, ...howToRead(document, lang).map(escapeMarkdown));
  if (incomplete.length > 0)
    parts.push(
      `### ${escapeMarkdown(words.incompleteHeading)}`,
      escapeMarkdown(words.incompleteAbout),
      incomplete.map((period) => `- ${escapeMarkdown(incompleteText(period, lang))}`).join('\n'),
    );

  const overview = reportOverview(report);
  const counted = (counts: { sv: string; en: string } | undefined) =>
    escapeMarkdown(counts?.[lang] ?? words.noHeadline);
  const overviewHeader = [
    escapeMarkdown(words.intervention),
    escapeMarkdown(words.counted),
    ...overview.periods.map((period) => escapeMarkdown(`${period.label[lang]}${mark(period.key)}`)),
    escapeMarkdown(words.total),
  ];
  parts.push(
    `## ${escapeMarkdown(words.overview)}`,
    escapeMarkdown(words.overviewAbout(words.granularity[options.granularity])),
    [
      line(overviewHeader),
      line([':---', ':---', ...overviewHeader.slice(2).map(() => '---:')]),
      ...overview.rows.map((row) =>
        row.excluded !== undefined
          ? line([
              escapeMarkdown(row.label[lang]),
              escapeMarkdown(words.notIncluded),
              ...row.cells.map(() => ''),
              '',
            ])
          : line([
              row.unit === undefined
                ? escapeMarkdown(row.label[lang])
                : `  ↳ ${escapeMarkdown(row.label[lang])}`,
              counted(row.counts),
              ...row.cells.map(figure),
              `**${figure(row.total)}**`,
            ]),
      ),
    ].join('\n'),
  );
  const comparison = overview.comparison;
  if (comparison !== undefined) {
    const header = [
      escapeMarkdown(words.intervention),
      escapeMarkdown(words.counted),
      escapeMarkdown(`${comparison.previous.label[lang]}${mark(comparison.previous.key)}`),
      escapeMarkdown(`${comparison.current.label[lang]}${mark(comparison.current.key)}`),
      escapeMarkdown(words.change),
      escapeMarkdown(words.changePercent),
    ];
    parts.push(
      `## ${escapeMarkdown(words.comparison)}`,
      escapeMarkdown(words.comparisonAbout(comparison.previous.label[lang], comparison.current.label[lang])),
      [
        line(header),
        line([':---', ':---', '---:', '---:', '---:', '---:']),
        ...comparison.rows.map((row) =>
          line([
            escapeMarkdown(row.label[lang]),
            counted(row.counts),
            figure(row.previous),
            figure(row.current),
            ...changeTexts(row.change, lang),
          ]),
        ),
      ].join('\n'),
    );
  }

  const tables = new Map(document.tables.map((table) => [table.id, table]));
  for (const intervention of report.interventions) {
    // No count of sheets or corrections: not protected figures (attack 43, as in the HTML report).
    parts.push(`## ${escapeMarkdown(interventionLabel(intervention, lang))}`);
    for (const id of shownTableIds(intervention)) {
      const table = tables.get(id);
      if (table === undefined) continue;
      parts.push(`### ${escapeMarkdown(table.title[lang])}`, markdownTable(table, { lang, rowMark: mark }));
      if (!isPeriodTable(table, report.periods) && reportIncomplete)
        parts.push(`*${escapeMarkdown(words.incompleteInTable)}*`);
      parts.push(`*${escapeMarkdown(costText(table.cost, lang))}*`);
    }
    parts.push(`**${escapeMarkdown(words.legend)}:** ${escapeMarkdown(document.legend[lang])}`);
  }
  if (report.excluded.length > 0)
    parts.push(
      `## ${escapeMarkdown(words.excluded)}`,
      report.excluded
        .map(
          (entry) =>
            `- **${escapeMarkdown(interventionLabel(entry, lang))}**: ${escapeMarkdown(entry.reason[lang])}`,
        )
        .join('\n'),
    );
  return `${parts.join('\n\n')}\n`;
}
