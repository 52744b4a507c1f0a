import { tableEntries, tableLines } from '../disclosure/table-lines.js';
import type { Quantity, QuantitySupport, RawTable } from '../report/report-model.js';

/**
 * An identity every base cell satisfies, known to anyone who reads the tables: for one
 * intervention, in every month and unit, the count of `total` is the sum of the counts of
 * `parts` (contacts = the contacts by gender summed over the genders, say).
 */
export interface MeasureRelation {
  readonly interventionId: string;
  readonly total: string;
  readonly parts: readonly string[];
}

const sameBase = (a: QuantitySupport, b: QuantitySupport): boolean =>
  a.interventionId === b.interventionId &&
  a.months.join() === b.months.join() &&
  (a.units ?? []).join() === (b.units ?? []).join();

/**
 * The identities between measures that the tables' additivity states: every table line whose
 * quantities cover the same months and units but different measures (a row of a marginal
 * table, a column of a cross-tabulation). Lines that add months (a column of periods) state
 * nothing new about base cells and are left out.
 */
export function measureRelations(tables: readonly RawTable[]): MeasureRelation[] {
  const found = new Map<string, MeasureRelation>();
  const byKey = new Map<string, Quantity>();
  for (const table of tables) for (const quantity of tableEntries(table)) byKey.set(quantity.key, quantity);
  for (const line of tableLines(tables)) {
    const total = line.terms.find((term) => term.coefficient === -1);
    const totalSupport = total === undefined ? undefined : byKey.get(total.key)?.support;
    if (totalSupport === undefined) continue;
    const parts = line.terms
      .filter((term) => term.coefficient === 1)
      .map((term) => byKey.get(term.key)?.support);
    if (parts.length === 0 || parts.some((part) => part === undefined || !sameBase(part, totalSupport)))
      continue;
    const measures = [...new Set((parts as QuantitySupport[]).map((part) => part.measure))].sort();
    if (measures.length === 1 && measures[0] === totalSupport.measure) continue;
    const relation = {
      interventionId: totalSupport.interventionId,
      total: totalSupport.measure,
      parts: measures,
    };
    found.set(`${relation.interventionId}\u0000${relation.total}\u0000${measures.join('\u0000')}`, relation);
  }
  return [...found.values()];
}
