import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandId, counselling, startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  const opened = await server.post('/series', {
    commandId: '0e0e0e0e-0000-4000-8000-000000000001',
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
  });
  token = ((await opened.json()) as { series: { token: string } }).series.token;
});
afterAll(() => server.close());

/** Personal data as a user might send it, plainly or disguised. */
const PERSONAL_DATA = [
  '811218-9876',
  '８１１２１８－９８７６',
  '8507 09 9383',
  '070.123.45.67',
  'lisa.berg(at)exempel.se',
];

/** The digits of a text (any script, as ASCII) and every run of four of them. */
function fourDigitRuns(text: string): string[] {
  const digits = text.normalize('NFKC').replace(/\D/g, '');
  const runs: string[] = [];
  for (let start = 0; start + 4 <= digits.length; start += 1) runs.push(digits.slice(start, start + 4));
  return runs;
}

let counter = 0;
/** Requests with the text in every id, key and value position a client sends. */
function requests(text: string): { path: string; body: unknown }[] {
  const n = (): string => {
    counter += 1;
    return commandId(900_000 + counter);
  };
  const tally = { ...counselling, commandId: n() };
  return [
    { path: '/tallies', body: { ...tally, interventionId: text } },
    { path: '/tallies', body: { ...tally, unitId: text } },
    { path: '/tallies', body: { ...tally, date: text } },
    { path: '/tallies', body: { ...tally, commandId: text } },
    { path: '/tallies', body: { ...tally, type: text } },
    { path: '/tallies', body: { ...tally, [text]: 'x' } },
    { path: '/tallies', body: { ...tally, marks: { ...tally.marks, [text]: 'x' } } },
    { path: '/tallies', body: { ...tally, marks: { ...tally.marks, problemArea: text } } },
    {
      path: '/tallies',
      body: { ...tally, type: 'TallyVisitors', marks: undefined, visitors: { [text]: 1 } },
    },
    {
      path: `/series/${token}/sessions`,
      body: { commandId: n(), date: '2025-06-11', marks: { [text]: 'x' } },
    },
    { path: `/series/${token}/notes`, body: { commandId: n(), text: `Samtal ${text}` } },
    { path: `/series/${token}/notes`, body: { commandId: n(), [text]: 'x' } },
    { path: `/series/${encodeURIComponent(text)}/notes`, body: { commandId: n(), text: 'Samtal' } },
    { path: '/series', body: { commandId: n(), interventionId: text, unitId: 'motesplats' } },
    { path: `/series/${token}/close`, body: { commandId: n(), reason: text } },
  ];
}

describe('the HTTP service repeats nothing it was sent, in its answers or its log', () => {
  it.each(PERSONAL_DATA)(
    '%j in every position: every answer is a refusal and none repeats it',
    async (text) => {
      const echoes: string[] = [];
      const logStart = server.logged.length;
      for (const { path, body } of requests(text)) {
        const response = await server.post(path, body);
        const answer = await response.text();
        if (response.status < 400) echoes.push(`${path}: accepted (${response.status})`);
        for (const echo of [text, ...fourDigitRuns(text)])
          if (answer.includes(echo))
            echoes.push(`${path} ${JSON.stringify(Object.keys(body as object))}: answer repeats ${echo}`);
      }
      const sent = encodeURIComponent(text);
      for (const query of [
        `${sent}=1`,
        `interventions=${sent}`,
        `units=${sent}`,
        `granularity=${sent}`,
        `from=${sent}`,
      ]) {
        const answer = await (
          await fetch(`${server.url}/statistics?from=2025-01&to=2025-06&${query}`)
        ).text();
        for (const echo of [text, ...fourDigitRuns(text)])
          if (answer.includes(echo)) echoes.push(`/statistics?${query}: answer repeats ${echo}`);
      }
      const log = JSON.stringify(server.logged.slice(logStart));
      for (const echo of [text, ...fourDigitRuns(text)])
        if (log.includes(echo)) echoes.push(`the log repeats ${echo}`);
      expect(echoes).toEqual([]);
    },
  );
});
