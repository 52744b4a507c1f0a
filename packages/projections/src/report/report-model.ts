import type { LocalizedText } from '@pinnstatistik/core';

/** One heading of a table's rows or columns. */
export interface Axis {
  readonly key: string;
  readonly label: LocalizedText;
}

/**
 * A published quantity, identified by a key that is the same wherever the same quantity
 * appears (a marginal's column total and a cross-tabulation's row total, say). Disclosure
 * control suppresses quantities, not places: a suppressed quantity is hidden everywhere.
 */
export interface Quantity {
  readonly key: string;
  readonly value: number;
  /** The base cells it sums, when it comes from the cube (tables built by hand have none). */
  readonly support?: QuantitySupport;
}

/**
 * Which base cells a quantity sums: every month × unit of the support, for one intervention and
 * one measure (`contacts`, `contacts|gender=female`, `visitors|male` …, see `measureValue`). Two
 * quantities with the same support are the same number in any report, whatever its key; the
 * cell-key method and the intruder work on supports, so they see across reports.
 */
export interface QuantitySupport {
  readonly interventionId: string;
  /** Months, `YYYY-MM`, in order. */
  readonly months: readonly string[];
  /** The units summed, sorted; absent for every unit. */
  readonly units?: readonly string[];
  readonly measure: string;
}

/** A table before disclosure control: counts with their quantity keys, and its margins. */
export interface RawTable {
  readonly id: string;
  readonly interventionId: string;
  readonly title: LocalizedText;
  readonly rowHeader: LocalizedText;
  readonly columnHeader: LocalizedText;
  readonly rows: readonly Axis[];
  readonly columns: readonly Axis[];
  /** `cells[row][column]`; each row sums to its row total, each column to its column total. */
  readonly cells: readonly (readonly Quantity[])[];
  readonly rowTotals: readonly Quantity[];
  readonly columnTotals: readonly Quantity[];
  readonly total: Quantity;
}

/** Why a published cell shows a symbol instead of its count. */
export type SuppressionReason = 'primary' | 'secondary';

/** A cell as published: its count, or a symbol and the reason. */
export type PublishedCell =
  | { readonly key: string; readonly suppressed: false; readonly value: number }
  | { readonly key: string; readonly suppressed: true; readonly reason: SuppressionReason };

/** A table after disclosure control. */
export interface PublishedTable extends Omit<RawTable, 'cells' | 'rowTotals' | 'columnTotals' | 'total'> {
  readonly cells: readonly (readonly PublishedCell[])[];
  readonly rowTotals: readonly PublishedCell[];
  readonly columnTotals: readonly PublishedCell[];
  readonly total: PublishedCell;
}

/** Disclosure-control settings. */
export interface DisclosureOptions {
  /** Counts from 1 to k − 1 are suppressed (default 5). */
  readonly k: number;
  /** Whether zeros are published (default true); when false they are suppressed like small counts. */
  readonly showZeros: boolean;
}
