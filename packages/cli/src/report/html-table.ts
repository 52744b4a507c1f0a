import type { Language } from '@pinnstatistik/core';
import { type DocumentCell, type DocumentTable, suppressedSymbol } from '@pinnstatistik/projections';
import { escapeHtml } from './html-escape.js';

function cell(value: DocumentCell, suppressedText: string, total = false): string {
  const classes = [total ? 'total' : undefined, value.suppressed ? 'suppressed' : undefined].filter(Boolean);
  const attributes = classes.length === 0 ? '' : ` class="${classes.join(' ')}"`;
  return value.suppressed
    ? `<td${attributes} title="${escapeHtml(suppressedText)}">${suppressedSymbol}</td>`
    : `<td${attributes}>${value.value}</td>`;
}

/** A published table as HTML: headings, cells, row totals last, the column totals in the footer. */
export function htmlTable(
  table: DocumentTable,
  lang: Language,
  words: { total: string; suppressed: string },
): string {
  const head = [
    `<th scope="col">${escapeHtml(table.rowHeader[lang])} \\ ${escapeHtml(table.columnHeader[lang])}</th>`,
    ...table.columns.map((column) => `<th scope="col">${escapeHtml(column.label[lang])}</th>`),
    `<th scope="col">${escapeHtml(words.total)}</th>`,
  ].join('');
  const body = table.rows
    .map((row, r) => {
      const cells = (table.cells[r] ?? []).map((value) => cell(value, words.suppressed)).join('');
      const total = table.rowTotals[r];
      return `<tr><th scope="row">${escapeHtml(row.label[lang])}</th>${cells}${total === undefined ? '' : cell(total, words.suppressed, true)}</tr>`;
    })
    .join('\n');
  const totals = `<tr class="totals"><th scope="row">${escapeHtml(words.total)}</th>${table.columnTotals
    .map((value) => cell(value, words.suppressed, true))
    .join('')}${cell(table.total, words.suppressed, true)}</tr>`;
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n<tfoot>${totals}</tfoot>\n</table>`;
}
