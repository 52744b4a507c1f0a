import type { Catalogue, InterventionPolicy, LocalizedText } from '@pinnstatistik/core';
import type { BaseCells } from './base-cells.js';
import type { Headline } from './headline.js';
import { bucketLabel, monthsOfBucket } from './period-buckets.js';
import type { Axis, Quantity, QuantitySupport, RawTable } from './report-model.js';

/** What the headline tables of one intervention are built from. */
export interface HeadlineContext {
  readonly policy: InterventionPolicy;
  readonly catalogue: Catalogue;
  readonly headline: Headline;
  readonly base: BaseCells;
  /** The units summed (sorted), or undefined for every unit. */
  readonly units: readonly string[] | undefined;
}

const countColumn: Axis = { key: 'count', label: { sv: 'Antal', en: 'Count' } };

const title = (context: HeadlineContext, what: LocalizedText): LocalizedText => ({
  sv: `${context.policy.name.sv}: antal ${context.headline.counts.sv} ${what.sv}`,
  en: `${context.policy.name.en}: number of ${context.headline.counts.en} ${what.en}`,
});

/**
 * The headline count per period and responsible unit — the per-unit breakdown. Each cell is a
 * quantity of its own (one unit's base cells), published and protected with the rest of the
 * release; a row's total is the same quantity as the period's count in the intervention's
 * tables (same key), so it is published once. Undefined for an intervention with one unit.
 */
export function unitTable(
  context: HeadlineContext,
  buckets: ReadonlyMap<string, readonly string[]>,
  allMonths: readonly string[],
): RawTable | undefined {
  const { policy, headline, base, catalogue } = context;
  const units = [...new Set([...policy.responsibleUnits, ...base.units(policy.id)])].filter(
    (unit) => context.units === undefined || context.units.includes(unit),
  );
  if (units.length < 2) return undefined;
  const support = (months: readonly string[], unit?: string): QuantitySupport => ({
    interventionId: policy.id,
    months,
    ...(unit !== undefined ? { units: [unit] } : context.units === undefined ? {} : { units: context.units }),
    measure: headline.measure,
  });
  const quantity = (key: string, of: QuantitySupport): Quantity => ({
    key,
    value: base.value(of),
    support: of,
  });
  const rows: Axis[] = [...buckets.keys()].map((bucket) => ({ key: bucket, label: bucketLabel(bucket) }));
  const columns: Axis[] = units.map((unit) => ({
    key: unit,
    label: catalogue.units.find((entry) => entry.id === unit)?.name ?? { sv: unit, en: unit },
  }));
  const cells = rows.map((row) =>
    units.map((unit) =>
      quantity(`${headline.prefix}|${row.key}|unit=${unit}`, support(buckets.get(row.key) ?? [], unit)),
    ),
  );
  const sum = (values: readonly Quantity[]): number => values.reduce((total, cell) => total + cell.value, 0);
  const rowTotals = rows.map((row, r) => ({
    key: `${headline.prefix}|${row.key}`,
    value: sum(cells[r] ?? []),
    support: support(buckets.get(row.key) ?? []),
  }));
  const columnTotals = units.map((unit, u) => ({
    key: `${headline.prefix}|*|unit=${unit}`,
    value: cells.reduce((total, row) => total + (row[u]?.value ?? 0), 0),
    support: support(allMonths, unit),
  }));
  return {
    id: `${policy.id}/by-unit`,
    interventionId: policy.id,
    title: title(context, { sv: 'per enhet', en: 'by unit' }),
    rowHeader: { sv: 'Period', en: 'Period' },
    columnHeader: { sv: 'Enhet', en: 'Unit' },
    rows,
    columns,
    cells,
    rowTotals,
    columnTotals,
    total: { key: `${headline.prefix}|*`, value: sum(rowTotals), support: support(allMonths) },
  };
}

/**
 * The headline count of the whole period before the report's first one, published in the same
 * release so that the first period can be compared with it (one quantity, the same key as that
 * period's count in any report that covers it).
 */
export function previousPeriodTable(context: HeadlineContext, bucket: string): RawTable {
  const { policy, headline, base } = context;
  const months = monthsOfBucket(bucket);
  const of: QuantitySupport = {
    interventionId: policy.id,
    months,
    ...(context.units === undefined ? {} : { units: context.units }),
    measure: headline.measure,
  };
  const count: Quantity = { key: `${headline.prefix}|${bucket}`, value: base.value(of), support: of };
  return {
    id: `${policy.id}/previous-period`,
    interventionId: policy.id,
    title: title(context, { sv: 'föregående period', en: 'previous period' }),
    rowHeader: { sv: 'Period', en: 'Period' },
    columnHeader: { sv: `Antal ${headline.counts.sv}`, en: `Number of ${headline.counts.en}` },
    rows: [{ key: bucket, label: bucketLabel(bucket) }],
    columns: [countColumn],
    cells: [[count]],
    rowTotals: [count],
    columnTotals: [count],
    total: count,
  };
}
