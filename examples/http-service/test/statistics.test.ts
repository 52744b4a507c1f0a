import type { ReportDocument } from '@pinnstatistik/projections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandId,
  counselling,
  type ErrorResponse,
  startTestServer,
  type TestServer,
} from './test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  for (let n = 0; n < 12; n += 1) {
    const gender = n < 9 ? 'female' : 'male';
    const response = await server.post('/tallies', {
      ...counselling,
      commandId: commandId(400 + n),
      marks: { ...counselling.marks, gender },
    });
    expect(response.status).toBe(201);
  }
});
afterAll(() => server.close());

interface StatisticsBody {
  readonly report: {
    readonly document: ReportDocument;
    readonly options: { k: number; method: string };
    readonly recorded: boolean;
  };
}

const figures = (document: ReportDocument): unknown[] =>
  document.tables.flatMap((table) => [
    ...table.cells.flat(),
    ...table.rowTotals,
    ...table.columnTotals,
    table.total,
  ]);

describe('GET /statistics', () => {
  it('publishes by the cell-key method by default: nothing suppressed, the same figures when asked again, recorded', async () => {
    const url = `${server.url}/statistics?from=2025-01&to=2025-12&granularity=quarter`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const { report } = (await response.json()) as StatisticsBody;
    expect(report.options).toMatchObject({ k: 5, method: 'cell-key' });
    expect(report.recorded).toBe(true);
    const { document } = report;
    expect(document.format).toBe('pinnstatistik/published-report');
    expect(document.disclosure).toMatchObject({ method: 'cell-key', cellKey: { maxDeviation: 3 } });
    expect(document.legend.en).toContain('perturbed');
    expect(figures(document).filter((cell) => (cell as { suppressed: boolean }).suppressed)).toEqual([]);
    // The twelve sessions are there, give or take the maximum deviation.
    const counts = document.tables.find((table) => table.id === 'familjecentral-enskilda-samtal/contacts');
    const total = counts?.total;
    expect(total !== undefined && !total.suppressed && Math.abs(total.value - 12) <= 3).toBe(true);
    const again = (await (await fetch(url)).json()) as StatisticsBody;
    expect(figures(again.report.document)).toEqual(figures(document));
  });

  it('refuses suppression over figures already published by the cell-key method (409)', async () => {
    const response = await fetch(`${server.url}/statistics?from=2025-04&to=2025-06&method=suppression`);
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorResponse).error).toMatchObject({ code: 'METHOD_CONFLICT' });
  });

  it('suppresses when told to: small counts never leave', async () => {
    const own = await startTestServer();
    try {
      for (let n = 0; n < 12; n += 1) {
        const gender = n < 9 ? 'female' : 'male';
        const tallied = await own.post('/tallies', {
          ...counselling,
          commandId: commandId(500 + n),
          marks: { ...counselling.marks, gender },
        });
        expect(tallied.status).toBe(201);
      }
      const response = await fetch(
        `${own.url}/statistics?from=2025-01&to=2025-12&granularity=quarter&method=suppression`,
      );
      expect(response.status).toBe(200);
      const { report } = (await response.json()) as StatisticsBody;
      expect(report.document.disclosure.method).toBe('suppression');
      const values = JSON.stringify(report.document.tables).match(/"value":(\d+)/g) ?? [];
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(Number(value.slice(8))).not.toBeOneOf([1, 2, 3, 4]);
    } finally {
      await own.close();
    }
  });

  it('does not let a client lower the threshold or choose the parameters, and explains bad options with 400', async () => {
    const lowered = await fetch(`${server.url}/statistics?from=2025-01&to=2025-12&k=1`);
    expect(lowered.status).toBe(400);
    expect(((await lowered.json()) as ErrorResponse).error).toMatchObject({
      code: 'INVALID_QUERY',
      details: { issues: [{ path: '/k' }] },
    });
    const noisy = await fetch(`${server.url}/statistics?from=2025-01&to=2025-12&maxDeviation=1`);
    expect(noisy.status).toBe(400);
    const method = await fetch(`${server.url}/statistics?from=2025-01&to=2025-12&method=rounding`);
    expect(method.status).toBe(400);
    const backwards = await fetch(`${server.url}/statistics?from=2025-12&to=2025-01`);
    expect(backwards.status).toBe(400);
    const missing = await fetch(`${server.url}/statistics`);
    expect(missing.status).toBe(400);
  });

  it('refuses a range given twice instead of answering for one of them', async () => {
    const twice = await fetch(`${server.url}/statistics?from=2025-01&to=2025-06&from=2025-03`);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as ErrorResponse).error).toMatchObject({
      code: 'INVALID_QUERY',
      details: { issues: [{ path: '/from', message: 'given more than once' }] },
    });
  });
});
