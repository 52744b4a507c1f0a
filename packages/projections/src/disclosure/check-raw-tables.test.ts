import { describe, expect, it } from 'vitest';
import type { RawTable } from '../report/report-model.js';
import { checkRawTables } from './check-raw-tables.js';
import { countTable } from './seeded-reports.js';

describe('checkRawTables', () => {
  const good = countTable('t', [
    [1, 2],
    [3, 4],
  ]);

  it('accepts consistent tables', () => {
    expect(checkRawTables([good, countTable('u', [[5]])])).toEqual([]);
  });

  it('names what is wrong without repeating any count', () => {
    const broken: RawTable = {
      ...good,
      cells: [
        [
          { key: 't|r0|c0', value: -1 },
          { key: 't|r0|c1', value: 2 },
        ],
        [{ key: 't|r1|c0', value: 3 }],
      ],
    };
    const problems = checkRawTables([broken, { ...good, total: { key: 't|r0', value: 10 } }]);
    expect(problems.map((problem) => problem.code)).toEqual(
      expect.arrayContaining([
        'TABLE_SHAPE',
        'NOT_A_COUNT',
        'NOT_ADDITIVE',
        'DUPLICATE_TABLE_ID',
        'CONFLICTING_QUANTITY',
      ]),
    );
    expect(JSON.stringify(problems)).not.toMatch(/"value"/);
  });
});
