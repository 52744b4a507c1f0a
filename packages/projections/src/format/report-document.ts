import type { LocalizedText } from '@pinnstatistik/core';
import { defaultDisclosureOptions } from '../disclosure/disclosure-options.js';
import { legend, suppressedSymbol } from '../disclosure/legend.js';
import type {
  DisclosureOptions,
  PublishedCell,
  PublishedTable,
  SuppressionReason,
} from '../report/report-model.js';

/** A cell as the published document shows it: its count, or the suppression symbol. */
export type DocumentCell =
  | { readonly key: string; readonly suppressed: false; readonly value: number }
  | {
      readonly key: string;
      readonly suppressed: true;
      readonly symbol: typeof suppressedSymbol;
      /** Only with `includeReasons`: telling primary from secondary narrows what a suppressed count can be. */
      readonly reason?: SuppressionReason;
    };

/** A published table in the document: headings and keys as in the report, cells as {@link DocumentCell}. */
export interface DocumentTable
  extends Omit<PublishedTable, 'cells' | 'rowTotals' | 'columnTotals' | 'total'> {
  readonly cells: readonly (readonly DocumentCell[])[];
  readonly rowTotals: readonly DocumentCell[];
  readonly columnTotals: readonly DocumentCell[];
  readonly total: DocumentCell;
}

/**
 * The typed JSON model of a published report: the tables with their language-independent keys
 * (tables, rows, columns, quantities), labels in Swedish and English, the disclosure settings,
 * the symbol and the legend. Every other format is rendered from it.
 */
export interface ReportDocument {
  readonly format: 'pinnstatistik/published-report';
  readonly version: 1;
  readonly title?: LocalizedText;
  readonly disclosure: DisclosureOptions & { readonly symbol: typeof suppressedSymbol };
  readonly legend: LocalizedText;
  readonly tables: readonly DocumentTable[];
}

/** How to build a {@link ReportDocument}. */
export interface ReportDocumentOptions {
  readonly title?: LocalizedText;
  /** The settings the tables were suppressed with (for the legend); the defaults otherwise. */
  readonly disclosure?: Partial<DisclosureOptions>;
  /** Whether suppressed cells say why (primary or secondary). Off by default: see {@link DocumentCell}. */
  readonly includeReasons?: boolean;
}

/** The document for tables that have been through disclosure control. */
export function reportDocument(
  tables: readonly PublishedTable[],
  options: ReportDocumentOptions = {},
): ReportDocument {
  const disclosure: DisclosureOptions = { ...defaultDisclosureOptions, ...options.disclosure };
  const cell = (published: PublishedCell): DocumentCell => {
    if (!published.suppressed) return { key: published.key, suppressed: false, value: published.value };
    return {
      key: published.key,
      suppressed: true,
      symbol: suppressedSymbol,
      ...(options.includeReasons === true ? { reason: published.reason } : {}),
    };
  };
  return {
    format: 'pinnstatistik/published-report',
    version: 1,
    ...(options.title === undefined ? {} : { title: options.title }),
    disclosure: { k: disclosure.k, showZeros: disclosure.showZeros, symbol: suppressedSymbol },
    legend: legend(disclosure),
    tables: tables.map(({ cells, rowTotals, columnTotals, total, ...table }) => ({
      ...table,
      cells: cells.map((row) => row.map(cell)),
      rowTotals: rowTotals.map(cell),
      columnTotals: columnTotals.map(cell),
      total: cell(total),
    })),
  };
}

/** The document as JSON text (two-space indentation). */
export function toJson(document: ReportDocument): string {
  return JSON.stringify(document, null, 2);
}
