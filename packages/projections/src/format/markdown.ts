import type { Language } from '@pinnstatistik/core';
import { suppressedSymbol } from '../disclosure/legend.js';
import { costText } from './cost-text.js';
import type { DocumentCell, DocumentTable, ReportDocument } from './report-document.js';
import { tableGrid } from './table-grid.js';

/**
 * Text made safe for a GitHub-flavoured Markdown table cell or heading: line breaks become
 * spaces, and backslashes, pipes and the characters that start emphasis, code, links or HTML
 * are escaped with a backslash.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\|*_`[\]<>#]/g, (character) => `\\${character}`);
}

const cellText = (cell: DocumentCell): string => (cell.suppressed ? suppressedSymbol : String(cell.value));
const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** How to write the Markdown. */
export interface MarkdownOptions {
  readonly lang: Language;
}

/** How to write one table. */
export interface MarkdownTableOptions {
  readonly lang: Language;
  /** A mark put after a row's label (e.g. `*` for an incomplete period), by row key. */
  readonly rowMark?: (rowKey: string) => string;
}

/**
 * One table as GitHub-flavoured Markdown: the row totals as the last column and the column
 * totals as the last (bold) row, numbers right-aligned, suppressed quantities as `..`.
 */
export function markdownTable(table: DocumentTable, options: MarkdownTableOptions): string {
  const { lang } = options;
  const grid = tableGrid(table);
  const header = [
    `${escapeMarkdown(table.rowHeader[lang])} / ${escapeMarkdown(table.columnHeader[lang])}`,
    ...(grid[0] ?? []).map((place) => escapeMarkdown(place.column.label[lang])),
  ];
  const body = grid.map((places, index) => {
    const row = places[0]?.row;
    const label = `${escapeMarkdown(row?.label[lang] ?? '')}${row === undefined ? '' : escapeMarkdown(options.rowMark?.(row.key) ?? '')}`;
    const heading = index === grid.length - 1 ? `**${label}**` : label;
    return line([heading, ...places.map((place) => cellText(place.cell))]);
  });
  return [line(header), line([':---', ...header.slice(1).map(() => '---:')]), ...body].join('\n');
}

/**
 * The report as GitHub-flavoured Markdown: the report's title, then per table a heading and a
 * table ({@link markdownTable}) and what disclosure control costs it; at the end the cost for
 * the whole report and the legend.
 */
export function toMarkdown(document: ReportDocument, options: MarkdownOptions): string {
  const { lang } = options;
  const parts: string[] = [];
  if (document.title !== undefined) parts.push(`## ${escapeMarkdown(document.title[lang])}`);
  for (const table of document.tables) {
    parts.push(
      `### ${escapeMarkdown(table.title[lang])}`,
      markdownTable(table, { lang }),
      `*${escapeMarkdown(costText(table.cost, lang))}*`,
    );
  }
  parts.push(
    `**${escapeMarkdown(costText(document.cost, lang))}**`,
    `*${escapeMarkdown(document.legend[lang])}*`,
  );
  return `${parts.join('\n\n')}\n`;
}
