import type { Catalogue, InterventionPolicy, LocalizedText } from '@pinnstatistik/core';
import { type PeriodTableSpec, periodTable } from './period-table.js';
import type { Axis, RawTable } from './report-model.js';
import type { TableContext } from './table-of.js';

/** What every table of one intervention shares: its policy, where its figures come from, its periods. */
export interface InterventionLayout {
  readonly policy: InterventionPolicy;
  readonly catalogue: Catalogue;
  readonly context: TableContext;
  /** Each period of the report (a month, quarter or year) and its months. */
  readonly buckets: ReadonlyMap<string, readonly string[]>;
  readonly allMonths: readonly string[];
  /** The periods as table rows. */
  readonly rows: readonly Axis[];
}

/** The one column of a count table. */
export const COUNT_COLUMN: readonly Axis[] = [{ key: 'count', label: { sv: 'Antal', en: 'Count' } }];

/** A period table of this intervention. */
export function periodTableIn(layout: InterventionLayout, spec: PeriodTableSpec): RawTable {
  return periodTable(layout.context, layout.buckets, layout.allMonths, spec);
}

/** The catalogue's gender codes, and the label of each. */
export function genderAxis(catalogue: Catalogue): {
  readonly codes: readonly string[];
  label(code: string): LocalizedText;
} {
  const list = catalogue.codeLists.gender;
  return {
    codes: (list?.codes ?? []).map((code) => code.code),
    label: (code) => list?.codes.find((entry) => entry.code === code)?.label ?? { sv: code, en: code },
  };
}
