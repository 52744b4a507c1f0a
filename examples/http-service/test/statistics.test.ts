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
  readonly report: { readonly document: ReportDocument; readonly options: { k: number } };
}

describe('GET /statistics', () => {
  it('publishes the report with disclosure control: small counts never leave', async () => {
    const response = await fetch(`${server.url}/statistics?from=2025-01&to=2025-12&granularity=quarter`);
    expect(response.status).toBe(200);
    const { report } = (await response.json()) as StatisticsBody;
    expect(report.options.k).toBe(5);
    const { document } = report;
    expect(document.format).toBe('pinnstatistik/published-report');
    const byGender = document.tables.find(
      (table) =>
        table.interventionId === 'familjecentral-enskilda-samtal' &&
        table.columns.some((c) => c.key === 'male'),
    );
    expect(byGender).toBeDefined();
    const published = (byGender?.columnTotals ?? []).filter((cell) => !cell.suppressed);
    expect(published.map((cell) => (cell.suppressed ? 0 : cell.value))).not.toContain(3);
    const values = JSON.stringify(document.tables).match(/"value":(\d+)/g) ?? [];
    for (const value of values) expect(Number(value.slice(8))).not.toBeOneOf([1, 2, 3, 4]);
  });

  it('does not let a client lower the threshold, and explains bad options with 400', async () => {
    const lowered = await fetch(`${server.url}/statistics?from=2025-01&to=2025-12&k=1`);
    expect(lowered.status).toBe(400);
    expect(((await lowered.json()) as ErrorResponse).error).toMatchObject({
      code: 'INVALID_QUERY',
      details: { issues: [{ path: '/k' }] },
    });
    const backwards = await fetch(`${server.url}/statistics?from=2025-12&to=2025-01`);
    expect(backwards.status).toBe(400);
    const missing = await fetch(`${server.url}/statistics`);
    expect(missing.status).toBe(400);
  });
});
