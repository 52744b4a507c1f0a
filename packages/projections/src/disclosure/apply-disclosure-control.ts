import type {
  DisclosureOptions,
  PublishedCell,
  PublishedTable,
  Quantity,
  RawTable,
} from '../report/report-model.js';
import { resolveDisclosureOptions } from './disclosure-options.js';
import { primarySuppressions } from './primary-suppression.js';
import { secondarySuppressions } from './secondary-suppression.js';

/** The suppression pattern of a report: which quantities are hidden, and why. */
export interface SuppressionPattern {
  readonly primary: ReadonlySet<string>;
  readonly secondary: ReadonlySet<string>;
}

/** Primary then secondary suppression over all the tables of a report together. */
export function suppressionPattern(
  tables: readonly RawTable[],
  options: DisclosureOptions,
): SuppressionPattern {
  const primary = primarySuppressions(tables, options);
  return { primary, secondary: secondarySuppressions(tables, primary) };
}

/** Publishes every table of a report under one suppression pattern. */
export function publishTables(tables: readonly RawTable[], pattern: SuppressionPattern): PublishedTable[] {
  const publish = (quantity: Quantity): PublishedCell => {
    if (pattern.primary.has(quantity.key)) return { key: quantity.key, suppressed: true, reason: 'primary' };
    if (pattern.secondary.has(quantity.key))
      return { key: quantity.key, suppressed: true, reason: 'secondary' };
    return { key: quantity.key, suppressed: false, value: quantity.value };
  };
  return tables.map(({ cells, rowTotals, columnTotals, total, ...table }) => ({
    ...table,
    cells: cells.map((row) => row.map(publish)),
    rowTotals: rowTotals.map(publish),
    columnTotals: columnTotals.map(publish),
    total: publish(total),
  }));
}

/**
 * Disclosure control for a whole report: counts from 1 to k − 1 (and zeros, when hidden) are
 * suppressed wherever their quantity appears, then further quantities so that the exact linear
 * attack (`attackReport`) recovers none of them from the published cells and totals of
 * any table, including through totals shared between tables. Deterministic: the same tables
 * give the same pattern. Pass every table of a report in one call — tables published
 * separately are protected separately.
 *
 * Options are a programmer's choice; k must be a whole number ≥ 1 (a `RangeError` otherwise —
 * check settings from users with {@link resolveDisclosureOptions} first).
 */
export function applyDisclosureControl(
  tables: readonly RawTable[],
  options: Partial<DisclosureOptions> = {},
): PublishedTable[] {
  const resolved = resolveDisclosureOptions(options);
  if (!resolved.ok) throw new RangeError(resolved.problem.message.en);
  return publishTables(tables, suppressionPattern(tables, resolved.options));
}
