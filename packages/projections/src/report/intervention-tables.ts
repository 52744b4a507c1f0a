import type { Catalogue, InterventionPolicy } from '@pinnstatistik/core';
import type { CubeSheet } from '../cube/statistics-cube.js';
import type { BaseCells } from './base-cells.js';
import { contactTables } from './contact-tables.js';
import { comparisonBucket } from './covered-range.js';
import { type Headline, headlineOf } from './headline.js';
import { previousPeriodTable, unitTable } from './headline-tables.js';
import type { InterventionLayout } from './intervention-layout.js';
import { meetingTables } from './meeting-tables.js';
import { bucketLabel, bucketOf, monthsBetween } from './period-buckets.js';
import type { Axis, RawTable } from './report-model.js';
import type { ReportOptions } from './report-options.js';
import { seriesLengthTables } from './series-length-table.js';
import type { TableContext } from './table-of.js';
import { visitorTables } from './visitor-tables.js';

/** One intervention's raw tables, before disclosure control. */
export interface InterventionTables {
  readonly policy: InterventionPolicy;
  readonly tables: readonly RawTable[];
  /** Corrections applied: tallies voided, amendments after sealing; and how the sheets were read. */
  readonly corrections: { readonly voided: number; readonly amendments: number };
  readonly sheets: { readonly sealed: number; readonly open: number };
  /** The count the overview, the per-unit breakdown and the comparison show (none: it tallies nothing). */
  readonly headline?: Headline;
}

/**
 * Builds every table the policy allows for one intervention. Every category of every code list
 * is a row or column, zeros included, and every table the policy allows is there whatever the
 * data: which categories and tables exist tells nothing about who was counted.
 */
export function interventionTables(
  policy: InterventionPolicy,
  catalogue: Catalogue,
  sheets: readonly CubeSheet[],
  base: BaseCells,
  options: ReportOptions,
): InterventionTables {
  const iv = policy.id;
  const context: TableContext = {
    interventionId: iv,
    units: options.units === undefined ? undefined : [...new Set(options.units)].sort(),
    base,
  };
  const allMonths = monthsBetween(options.from, options.to);
  const buckets = new Map<string, string[]>();
  for (const month of allMonths) {
    const bucket = bucketOf(month, options.granularity);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), month]);
  }
  const rows: Axis[] = [...buckets.keys()].map((bucket) => ({ key: bucket, label: bucketLabel(bucket) }));
  const layout: InterventionLayout = { policy, catalogue, context, buckets, allMonths, rows };
  const tables: RawTable[] = [
    ...contactTables(layout),
    ...seriesLengthTables(layout),
    ...meetingTables(layout),
    ...visitorTables(layout),
  ];
  const headline = headlineOf(policy);
  if (headline !== undefined) {
    const headlineContext = { policy, catalogue, headline, base, units: context.units };
    const byUnit = options.byUnit ? unitTable(headlineContext, buckets, allMonths) : undefined;
    if (byUnit !== undefined) tables.push(byUnit);
    const previous = comparisonBucket(options);
    if (previous !== undefined) tables.push(previousPeriodTable(headlineContext, previous));
  }
  return {
    policy,
    tables,
    ...(headline === undefined ? {} : { headline }),
    corrections: {
      voided: sheets.reduce((total, sheet) => total + sheet.tables.voided, 0),
      amendments: sheets.reduce((total, sheet) => total + sheet.amendments, 0),
    },
    sheets: {
      sealed: sheets.filter((sheet) => sheet.sealed).length,
      open: sheets.filter((sheet) => !sheet.sealed).length,
    },
  };
}
