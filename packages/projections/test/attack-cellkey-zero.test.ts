import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportTables } from '../src/report/build-tables.js';
import { ReportOptionsSchema } from '../src/report/report-options.js';
import { createStatisticsReport } from '../src/report/statistics-report.js';
import { seededCube } from './seeded-publications.js';

// Attack (independent review), cell-key method. The legend says "a 0 shown may be a small count".
// But a figure's noise depends only on its content (which base cells are non-zero), so a total
// whose other parts are truly empty is published exactly as its one non-zero part. In a period
// table (a category over the months) or the per-unit breakdown (a period over the units): when
// every part but one is shown as 0 and the total is not that part's figure, the intruder knows the
// zeros shown are not all empty — someone is there, "a 0" is 1 … D. (Inherent to content-based
// keys, not new with --by-unit; on seed 42 it fires on period tables, not on the breakdown.)

const statisticsKey = new Uint8Array(createHash('sha256').update('attack cell-key zero').digest());
let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

describe('attack: a zero shown, told apart from an empty cell', () => {
  it("can be told apart from an empty one by its line's total (a documented limit), never beyond 1 … D", async () => {
    const input = { from: '2025-01', to: '2025-12', granularity: 'month' as const, byUnit: true };
    const report = await createStatisticsReport(seeded.cube, input, { statisticsKey });
    if (E.isLeft(report)) throw new Error(report.left.message.en);
    const truth = new Map<string, number>();
    for (const table of buildReportTables(
      seeded.cube.sheets(),
      seeded.cube.catalogues(),
      ReportOptionsSchema.parse(input),
    ).interventions.flatMap((entry) => entry.tables))
      for (const q of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
        truth.set(q.key, q.value);
    // A line (a row or column with its total) in which the intruder proves that the parts shown as 0
    // are not all empty, with what they hold in truth.
    const proven: { zerosShown: string[]; actual: number[] }[] = [];
    const check = (
      parts: readonly { key: string; suppressed: boolean; value?: number }[],
      total: { suppressed: boolean; value?: number } | undefined,
    ) => {
      if (total === undefined || total.suppressed || parts.length < 2) return;
      const nonZero = parts.filter((cell) => cell.value !== 0);
      // Every part but one shown as 0, and the total is not that part's figure: were the zeros
      // empty, the total would hold the same base cells, so get the same key and the same value.
      if (nonZero.length === 1 && total.value !== nonZero[0]?.value) {
        const zeros = parts.filter((cell) => cell.value === 0);
        proven.push({
          zerosShown: zeros.map((cell) => cell.key),
          actual: zeros.map((cell) => truth.get(cell.key) ?? -1),
        });
      }
    };
    // Only where a total and its parts count the same measure over nested base cells: the
    // periods of a column (a month's cells are part of the range's), and the units of a period.
    for (const table of report.right.document.tables) {
      if (!/^\d{4}/.test(table.rows[0]?.key ?? '')) continue;
      table.columns.forEach((_, c) => {
        check(
          table.cells.map((row) => row[c] ?? { key: '', suppressed: true }),
          table.columnTotals[c],
        );
      });
      if (table.id.endsWith('/by-unit'))
        table.cells.forEach((row, r) => {
          check(row, table.rowTotals[r]);
        });
    }
    console.log(
      `${proven.length} lines whose zeros shown are proven not all empty; e.g.`,
      JSON.stringify(proven.slice(0, 5)),
    );
    // The inference is sound: in every such line some zero shown is in truth a count 1 … D.
    for (const line of proven) expect(line.actual.some((value) => value > 0)).toBe(true);
    // A documented limit of content-based keys (the legend and docs/statistics.md say so): the
    // intruder learns "not empty" for such a line, and never more than "at most D" for any zero.
    const maximumDeviation = report.right.document.disclosure.cellKey?.maxDeviation ?? 0;
    expect(maximumDeviation).toBeGreaterThan(0);
    for (const line of proven)
      for (const value of line.actual) expect(value).toBeLessThanOrEqual(maximumDeviation);
    expect(report.right.document.legend.en).toContain('never how many it hides');
    expect(report.right.document.legend.sv).toContain('aldrig hur många den döljer');
  }, 300_000);
});
