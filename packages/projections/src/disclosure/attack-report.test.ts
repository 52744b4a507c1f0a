import { describe, expect, it } from 'vitest';
import type { PublishedCell, PublishedTable } from '../report/report-model.js';
import { attackReport } from './attack-report.js';

const shown = (key: string, value: number): PublishedCell => ({ key, suppressed: false, value });
const hidden = (key: string): PublishedCell => ({ key, suppressed: true, reason: 'primary' });
const cell = (key: string, value: number | undefined): PublishedCell =>
  value === undefined ? hidden(key) : shown(key, value);

/** A published table from a grid of values (`undefined` = suppressed); keys from `id`, or as given. */
function table(
  id: string,
  grid: (number | undefined)[][],
  rowTotals: (number | undefined)[],
  columnTotals: (number | undefined)[],
  total: number | undefined,
  keys: { rowTotals?: string[]; columnTotals?: string[]; total?: string } = {},
): PublishedTable {
  const label = { sv: id, en: id };
  return {
    id,
    interventionId: 'iv',
    title: label,
    rowHeader: label,
    columnHeader: label,
    rows: rowTotals.map((_, r) => ({ key: `r${r}`, label })),
    columns: columnTotals.map((_, c) => ({ key: `c${c}`, label })),
    cells: grid.map((row, r) => row.map((value, c) => cell(`${id}|r${r}|c${c}`, value))),
    rowTotals: rowTotals.map((value, r) => cell(keys.rowTotals?.[r] ?? `${id}|r${r}`, value)),
    columnTotals: columnTotals.map((value, c) => cell(keys.columnTotals?.[c] ?? `${id}|c${c}`, value)),
    total: cell(keys.total ?? `${id}|all`, total),
  };
}

describe('attackReport', () => {
  it('recovers a cell suppressed alone in its row', () => {
    const attack = attackReport([
      table(
        't',
        [
          [undefined, 10],
          [20, 30],
        ],
        [13, 50],
        [undefined, 40],
        63,
      ),
    ]);
    expect(attack.recovered.map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 't|r0|c0', value: 3 },
      { key: 't|c0', value: 23 },
    ]);
    expect(attack.consistent).toBe(true);
  });

  it('recovers nothing from a suppressed rectangle with published margins', () => {
    const attack = attackReport([
      table(
        't',
        [
          [undefined, undefined, 9],
          [undefined, undefined, 8],
          [7, 6, 5],
        ],
        [20, 25, 18],
        [20, 20, 22],
        63,
      ),
    ]);
    expect(attack.recovered).toEqual([]);
    expect(attack.unknowns).toBe(4);
    expect(attack.rank).toBe(3);
  });

  it('links tables through shared keys: a total hidden in one is solved from another', () => {
    // The period total p0 (12) is hidden everywhere, but table a publishes every cell of its
    // row, so it is recovered; b's hidden cells form a rectangle and stay hidden.
    const a = table(
      'a',
      [
        [5, 7],
        [20, 30],
      ],
      [undefined, 50],
      [25, 37],
      62,
      { rowTotals: ['p0', 'p1'], total: 'all' },
    );
    const b = table(
      'b',
      [
        [undefined, undefined],
        [undefined, undefined],
      ],
      [undefined, undefined],
      [30, 32],
      62,
      { rowTotals: ['p0', 'p1'], total: 'all' },
    );
    const attack = attackReport([a, b]);
    expect(attack.recovered.map(({ key, value }) => [key, value])).toEqual([['p0', 12]]);
  });

  it('treats a quantity published anywhere as known', () => {
    const a = table('a', [[undefined, 5]], [undefined], [undefined, 5], undefined, { total: 'all' });
    const b = table('b', [[6]], [6], [6], 6, { total: 'all' });
    expect(attackReport([a, b]).recovered.map(({ key, value }) => [key, value])).toEqual([
      ['a|r0|c0', 1],
      ['a|r0', 6],
      ['a|c0', 1],
    ]);
  });

  it('reports contradictions as data', () => {
    const contradictory = table('t', [[1, 2]], [5], [1, 2], 3);
    expect(attackReport([contradictory]).consistent).toBe(false);
  });
});
