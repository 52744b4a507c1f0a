import type { OpenedSeries, SeriesClosing, WorkingNote } from '@pinnstatistik/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandId, type ErrorResponse, startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const marks = {
  gender: 'female',
  childAges: [11, 8],
  numberOfChildren: 2,
  problemArea: 'family-conflict',
  routeIn: 'school',
  furtherAction: 'continued-support',
};

let opened = 0;
const openSeries = async (): Promise<OpenedSeries> => {
  opened += 1;
  const response = await server.post('/series', {
    commandId: commandId(900 + opened),
    interventionId: 'rad-och-stod',
    unitId: 'mottaget-my',
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { series: OpenedSeries }).series;
};

describe('series and working notes over HTTP', () => {
  it('records sessions up to the policy’s limit and refuses the next with SERIES_LIMIT_REACHED', async () => {
    const { token, maxContacts } = await openSeries();
    expect(maxContacts).toBe(5);
    for (let session = 1; session <= 5; session += 1) {
      const response = await server.post(`/series/${token}/sessions`, {
        commandId: commandId(300 + session),
        date: `2025-06-0${session}`,
        marks,
      });
      expect(response.status).toBe(201);
    }
    const sixth = await server.post(
      `/series/${token}/sessions`,
      { commandId: commandId(306), date: '2025-06-20', marks },
      { 'accept-language': 'en' },
    );
    expect(sixth.status).toBe(422);
    const { error } = (await sixth.json()) as ErrorResponse;
    expect(error.code).toBe('SERIES_LIMIT_REACHED');
    expect(error.details).toMatchObject({ limit: 5 });
  });

  it('keeps working notes, refuses one with a personnummer, and destroys them on closing', async () => {
    const { token } = await openSeries();
    const written = await server.post(`/series/${token}/notes`, {
      commandId: commandId(310),
      text: 'Följ upp kontakten med mentor.',
    });
    expect(written.status).toBe(201);
    const leaky = await server.post(`/series/${token}/notes`, {
      commandId: commandId(311),
      text: 'Ring mamman, 19850709-9805.',
    });
    expect(leaky.status).toBe(422);
    const leakyText = await leaky.text();
    expect(leakyText).not.toContain('9805');
    expect((JSON.parse(leakyText) as ErrorResponse).error.code).toBe('PERSONAL_DATA_DETECTED');

    const read = await fetch(`${server.url}/series/${token}/notes`);
    expect(read.status).toBe(200);
    const { notes } = (await read.json()) as { notes: WorkingNote[] };
    expect(notes.map((note) => note.text)).toEqual(['Följ upp kontakten med mentor.']);

    const closed = await server.post(`/series/${token}/close`, {
      commandId: commandId(313),
      reason: 'completed',
    });
    expect(closed.status).toBe(200);
    expect(((await closed.json()) as { closing: SeriesClosing }).closing).toMatchObject({
      notesDestroyed: 1,
    });
    const after = await server.post(`/series/${token}/notes`, { commandId: commandId(312), text: 'Sent.' });
    expect(after.status).toBe(422);
    expect(JSON.stringify(server.logged)).not.toContain(token);
  });

  it('refuses a series where the policy has none, and a token with a typo', async () => {
    const refused = await server.post('/series', {
      commandId: commandId(399),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorResponse).error.code).toBe('SERIES_NOT_OFFERED');
    const typo = await fetch(`${server.url}/series/NOT-A-TOKEN/notes`);
    expect(typo.status).toBe(422);
    expect(((await typo.json()) as ErrorResponse).error.code).toBe('INVALID_SERIES_TOKEN');
  });
});
