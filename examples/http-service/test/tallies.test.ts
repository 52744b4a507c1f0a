import type { TallyReceipt } from '@pinnstatistik/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandId, counselling, startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const countEvents = async (stream: string): Promise<number> => {
  let count = 0;
  for await (const _ of server.store.readStream(stream)) count += 1;
  return count;
};

describe('POST /tallies', () => {
  it('records an accepted tally: 201 with its receipt', async () => {
    const response = await server.post('/tallies', { ...counselling, commandId: commandId(1) });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { receipt } = (await response.json()) as { receipt: TallyReceipt };
    expect(receipt).toMatchObject({ commandId: commandId(1), tallyId: commandId(1) });
    expect(receipt.eventIds).toHaveLength(1);
    expect(receipt.stream).toMatch(/^tally-2025-06-/);
  });

  it('answers a retry with the same commandId with the same receipt, and stores one event', async () => {
    const body = { ...counselling, commandId: commandId(2) };
    const first = await server.post('/tallies', body);
    const retry = await server.post('/tallies', body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    const receipt = ((await first.json()) as { receipt: TallyReceipt }).receipt;
    expect(((await retry.json()) as { receipt: TallyReceipt }).receipt).toEqual(receipt);
    const before = await countEvents(receipt.stream);
    await server.post('/tallies', body);
    expect(await countEvents(receipt.stream)).toBe(before);
    const ids: string[] = [];
    for await (const event of server.store.readStream(receipt.stream)) ids.push(event.id);
    expect(ids.filter((id) => id === receipt.eventIds[0])).toHaveLength(1);
  });

  it('voids a tally by the receipt’s tallyId', async () => {
    await server.post('/tallies', { ...counselling, commandId: commandId(3) });
    const voided = await server.post('/tallies', {
      type: 'VoidTally',
      commandId: commandId(4),
      interventionId: counselling.interventionId,
      unitId: counselling.unitId,
      period: '2025-06',
      tallyId: commandId(3),
      reason: 'duplicate',
    });
    expect(voided.status).toBe(201);
  });

  it('logs one line per request, with the route template and never the body', async () => {
    const entry = server.logged.find((line) => line.event === 'request' && line.status === 201);
    expect(entry).toMatchObject({ method: 'POST', route: '/tallies', status: 201 });
    expect(JSON.stringify(server.logged)).not.toContain('child-health-care');
  });
});
