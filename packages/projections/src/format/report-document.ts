import type { LocalizedText } from '@pinnstatistik/core';
import type { PerturbationParameters, PerturbationTable } from '../cellkey/perturbation-table.js';
import { defaultDisclosureOptions } from '../disclosure/disclosure-options.js';
import { cellKeyLegend, legend, suppressedSymbol } from '../disclosure/legend.js';
import type {
  DisclosureOptions,
  PublishedCell,
  PublishedTable,
  SuppressionReason,
} from '../report/report-model.js';
import type { PublicationMethod } from '../report/report-options.js';
import { type DisclosureCost, disclosureCost } from './disclosure-cost.js';

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
  /** What disclosure control costs this table. */
  readonly cost: DisclosureCost;
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
  readonly disclosure: DisclosureOptions & {
    /** How the figures were protected. */
    readonly method: PublicationMethod;
    readonly symbol: typeof suppressedSymbol;
    /** The perturbation table's parameters (cell-key method). */
    readonly cellKey?: PerturbationParameters;
  };
  readonly legend: LocalizedText;
  /** What disclosure control costs the whole report. */
  readonly cost: DisclosureCost;
  readonly tables: readonly DocumentTable[];
}

/** How to build a {@link ReportDocument}. */
export interface ReportDocumentOptions {
  readonly title?: LocalizedText;
  /** The settings the tables were suppressed with (for the legend); the defaults otherwise. */
  readonly disclosure?: Partial<DisclosureOptions>;
  /** Whether suppressed cells say why (primary or secondary). Off by default: see {@link DocumentCell}. */
  readonly includeReasons?: boolean;
  /** The cell-key method's perturbation table, when the tables were perturbed (default: suppression). */
  readonly perturbation?: PerturbationTable;
  /** The cell-key method's figures over several periods or units: their parts' figures, for the cost. */
  readonly parts?: ReadonlyMap<string, readonly number[]>;
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
  const perturbation = options.perturbation;
  const typical = perturbation?.rows.at(-1)?.original ?? 0;
  return {
    format: 'pinnstatistik/published-report',
    version: 1,
    ...(options.title === undefined ? {} : { title: options.title }),
    disclosure: {
      method: perturbation === undefined ? 'suppression' : 'cell-key',
      k: disclosure.k,
      showZeros: disclosure.showZeros,
      symbol: suppressedSymbol,
      ...(perturbation === undefined ? {} : { cellKey: perturbation.parameters }),
    },
    legend:
      perturbation === undefined
        ? legend(disclosure)
        : cellKeyLegend({
            maxDeviation: perturbation.parameters.maxDeviation,
            smallestPublished: perturbation.parameters.smallestPublished,
            meanDeviation: perturbation.expectedAbsoluteDeviation(typical),
          }),
    cost: disclosureCost(tables, perturbation, options.parts),
    tables: tables.map((published) => {
      const { cells, rowTotals, columnTotals, total, ...table } = published;
      return {
        ...table,
        cells: cells.map((row) => row.map(cell)),
        rowTotals: rowTotals.map(cell),
        columnTotals: columnTotals.map(cell),
        total: cell(total),
        cost: disclosureCost([published], perturbation, options.parts),
      };
    }),
  };
}

/** The document as JSON text (two-space indentation). */
export function toJson(document: ReportDocument): string {
  return JSON.stringify(document, null, 2);
}
