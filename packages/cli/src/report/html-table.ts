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

/** How a row of an incomplete period is marked: `*` after its label, explained on hover and in the key. */
export function incompleteMark(text: string): string {
  return `<span class="incomplete-mark" title="${escapeHtml(text)}">*</span>`;
}

/**
 * A published table as HTML: headings, cells, row totals last, the column totals in the footer;
 * rows of incomplete periods (`incompleteRows`, by row key) have the class `incomplete` and a
 * `*` after their label. It sits in a box that scrolls sideways on a narrow screen.
 */
export function htmlTable(
  table: DocumentTable,
  lang: Language,
  words: { total: string; suppressed: string; incomplete: string; scrollTable: (title: string) => string },
  incompleteRows: ReadonlySet<string> = new Set(),
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
      const incomplete = incompleteRows.has(row.key);
      return `<tr${incomplete ? ' class="incomplete"' : ''}><th scope="row">${escapeHtml(row.label[lang])}${incomplete ? incompleteMark(words.incomplete) : ''}</th>${cells}${total === undefined ? '' : cell(total, words.suppressed, true)}</tr>`;
    })
    .join('\n');
  const totals = `<tr class="totals"><th scope="row">${escapeHtml(words.total)}</th>${table.columnTotals
    .map((value) => cell(value, words.suppressed, true))
    .join('')}${cell(table.total, words.suppressed, true)}</tr>`;
  return `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(words.scrollTable(table.title[lang]))}">\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n<tfoot>${totals}</tfoot>\n</table>\n</div>`;
}
