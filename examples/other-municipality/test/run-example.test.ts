import type { DocumentCell } from '@pinnstatistik/projections';
import { describe, expect, it } from 'vitest';
import { catalogueMistakes, exempelbyRefusals, runExample } from '../src/index.js';

describe('the Exempelby run', () => {
  it('validates, adopts, records a seeded year, refuses what the policy refuses and reports', async () => {
    const lines: string[] = [];
    const result = await runExample({ print: (line = '') => lines.push(line), out: null });

    expect(result.invalidIssues).toHaveLength(catalogueMistakes.length);
    expect(result.recorded).toBeGreaterThan(500);
    expect(result.refusals.map((refusal) => refusal.code)).toEqual(
      exempelbyRefusals.map((refusal) => refusal.expected),
    );

    const { report } = result;
    expect(report.catalogue).toMatchObject({ id: 'exempelby', version: '1.0' });
    expect(report.interventions.map((entry) => entry.interventionId).sort()).toEqual([
      'abc-foraldragrupp',
      'budget-och-skuldradgivning',
      'oppen-forskola',
      'unga-vuxna-stodsamtal',
    ]);
    expect(report.excluded.map((entry) => entry.interventionId).sort()).toEqual([
      'faltgruppen-uppsokande',
      'servicetjanster-75',
    ]);
    const published = report.document.tables
      .flatMap((table): DocumentCell[] => [
        ...table.cells.flat(),
        ...table.rowTotals,
        ...table.columnTotals,
        table.total,
      ])
      .flatMap((cell) => (cell.suppressed ? [] : [cell.value]));
    expect(published.filter((value) => value > 0 && value < 5)).toEqual([]);
    expect(report.document.tables.some((table) => table.id.endsWith('/genderxcontactMode'))).toBe(true);

    const printed = lines.join('\n');
    expect(printed).toContain('Kön × Kontaktform');
    expect(printed).toContain('/interventions/2/responsibleUnits/0');
  });
});
