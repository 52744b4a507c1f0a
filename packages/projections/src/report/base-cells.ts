import type { SheetTables } from '@pinnstatistik/core';
import type { CubeSheet } from '../cube/statistics-cube.js';
import { measureValue } from './measures.js';
import { populationOf } from './population-of.js';
import type { QuantitySupport } from './report-model.js';

/** One base cell: one intervention × unit × month × measure, and its count. */
export interface BaseCell {
  readonly interventionId: string;
  readonly unitId: string;
  readonly month: string;
  readonly measure: string;
  /** The measure naming the people it counts (the coarsest enclosing measure with the same count): what its cell key is taken over. */
  readonly population: string;
  readonly value: number;
}

/** The base cells of the cube, read per support. */
export interface BaseCells {
  /** The sum over a support. */
  value(support: QuantitySupport): number;
  /** The non-zero base cells of a support, in a fixed order (month, unit). */
  nonZero(support: QuantitySupport): BaseCell[];
  /** The units with a sheet for an intervention, sorted. */
  units(interventionId: string): readonly string[];
}

/** Indexes the cube's sheets by intervention and month for reading supports. */
export function createBaseCells(sheets: Iterable<CubeSheet>): BaseCells {
  const byIntervention = new Map<string, Map<string, { unitId: string; tables: SheetTables }[]>>();
  const unitsOf = new Map<string, Set<string>>();
  for (const sheet of sheets) {
    let months = byIntervention.get(sheet.interventionId);
    if (months === undefined) {
      months = new Map();
      byIntervention.set(sheet.interventionId, months);
    }
    const entries = months.get(sheet.period) ?? [];
    entries.push({ unitId: sheet.unitId, tables: sheet.tables });
    entries.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
    months.set(sheet.period, entries);
    const units = unitsOf.get(sheet.interventionId) ?? new Set();
    units.add(sheet.unitId);
    unitsOf.set(sheet.interventionId, units);
  }
  const each = (
    support: QuantitySupport,
    visit: (unitId: string, month: string, value: number, tables: SheetTables) => void,
  ) => {
    const months = byIntervention.get(support.interventionId);
    if (months === undefined) return;
    for (const month of support.months) {
      for (const { unitId, tables } of months.get(month) ?? []) {
        if (support.units !== undefined && !support.units.includes(unitId)) continue;
        const value = measureValue(tables, support.measure);
        if (value !== 0) visit(unitId, month, value, tables);
      }
    }
  };
  return {
    value(support) {
      let total = 0;
      each(support, (_unit, _month, value) => {
        total += value;
      });
      return total;
    },
    nonZero(support) {
      const cells: BaseCell[] = [];
      each(support, (unitId, month, value, tables) =>
        cells.push({
          interventionId: support.interventionId,
          unitId,
          month,
          measure: support.measure,
          population: populationOf(tables, support.measure, value),
          value,
        }),
      );
      return cells;
    },
    units: (interventionId) => [...(unitsOf.get(interventionId) ?? [])].sort(),
  };
}
