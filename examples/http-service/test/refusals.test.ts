import type { TallyCommandInput } from '@pinnstatistik/core';
import { type Refusal, vaggerydCatalogue } from '@pinnstatistik/core';
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
});
afterAll(() => server.close());

const { routeIn: _left, ...withoutRouteIn } = counselling.marks;

const refused: readonly { name: string; code: Refusal['code']; body: Record<string, unknown> }[] = [
  {
    name: 'outreach by the field workers (exempt)',
    code: 'DOCUMENTATION_EXEMPT',
    body: { ...counselling, interventionId: 'faltare-uppsokande', unitId: 'faltare', marks: {} },
  },
  {
    name: 'a safety alarm (case record required)',
    code: 'CASE_RECORD_REQUIRED',
    body: { ...counselling, interventionId: 'trygghetslarm', unitId: 'aldreomsorgen', marks: {} },
  },
  {
    name: 'an intervention by its name',
    code: 'UNKNOWN_INTERVENTION',
    body: { ...counselling, interventionId: 'uppsokande-verksamhet' },
  },
  { name: 'the wrong unit', code: 'UNIT_NOT_RESPONSIBLE', body: { ...counselling, unitId: 'motesplats' } },
  {
    name: 'a dimension the policy does not tally',
    code: 'DIMENSION_NOT_ALLOWED',
    body: { ...counselling, marks: { ...counselling.marks, relationToRelative: 'parent' } },
  },
  {
    name: 'a tallied dimension left out',
    code: 'DIMENSION_MISSING',
    body: { ...counselling, marks: withoutRouteIn },
  },
  {
    name: 'free text for a coded value',
    code: 'VALUE_NOT_IN_CODE_LIST',
    body: { ...counselling, marks: { ...counselling.marks, problemArea: 'pappan dricker' } },
  },
  { name: 'a date after today', code: 'DATE_IN_FUTURE', body: { ...counselling, date: '2025-07-02' } },
  { name: 'a comment field', code: 'INVALID_INPUT', body: { ...counselling, comment: 'trött' } },
];

describe('refusals over HTTP', () => {
  for (const [index, { name, code, body }] of refused.entries()) {
    for (const language of ['sv', 'en'] as const) {
      it(`${name} → 422 ${code}, message in ${language}`, async () => {
        const input = { ...body, commandId: commandId(100 + index) };
        const response = await server.post('/tallies', input, { 'accept-language': language });
        expect(response.status).toBe(422);
        expect(response.headers.get('content-language')).toBe(language);
        expect(response.headers.get('vary')).toMatch(/accept-language/i);
        const { error } = (await response.json()) as ErrorResponse;
        const direct = await server.service.tally(input as TallyCommandInput);
        if (direct._tag === 'Right') throw new Error('the service accepted what the route refused');
        expect(error.code).toBe(code);
        expect(error.message).toBe(direct.left.message[language]);
        expect(error.rule).toEqual(direct.left.rule);
      });
    }
  }

  it('explains an exempt intervention with its ground in the chosen language', async () => {
    const response = await server.post(
      '/tallies',
      { ...refused[0]?.body, commandId: commandId(200) },
      { 'accept-language': 'en' },
    );
    const { error } = (await response.json()) as ErrorResponse;
    const policy = vaggerydCatalogue().interventions.find(({ id }) => id === 'faltare-uppsokande');
    expect(policy?.documentation.kind).toBe('exempt');
    if (policy?.documentation.kind === 'exempt')
      expect(error.details?.ground).toBe(policy.documentation.ground.en);
  });

  it('never echoes a value outside the code list', async () => {
    const response = await server.post('/tallies', {
      ...counselling,
      commandId: commandId(201),
      marks: { ...counselling.marks, problemArea: 'pappan dricker' },
    });
    expect(await response.text()).not.toContain('pappan dricker');
  });

  it('refuses a personnummer with 422 PERSONAL_DATA_DETECTED and repeats it nowhere', async () => {
    const personnummer = '19850709-9805';
    const response = await server.post(
      '/tallies',
      { ...counselling, commandId: commandId(202), marks: { ...counselling.marks, routeIn: personnummer } },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text).not.toContain(personnummer);
    expect(text).not.toContain('198507099805');
    const { error } = JSON.parse(text) as ErrorResponse;
    expect(error.code).toBe('PERSONAL_DATA_DETECTED');
    expect(error.details).toMatchObject({ path: '/marks/routeIn', personalDataKind: 'personnummer' });
    expect(JSON.stringify(server.logged)).not.toContain(personnummer);
  });

  it('finds a personnummer wherever it is: in a key, in a nested field', async () => {
    const response = await server.post('/tallies', {
      ...counselling,
      commandId: commandId(203),
      marks: { ...counselling.marks, '198507099805': 'x' },
    });
    const text = await response.text();
    expect(response.status).toBe(422);
    expect(text).not.toContain('198507099805');
    expect((JSON.parse(text) as ErrorResponse).error.code).toBe('PERSONAL_DATA_DETECTED');
  });

  it('answers in Swedish by default and honours q-values', async () => {
    const body = { ...refused[1]?.body, commandId: commandId(204) };
    const cases: readonly [string | undefined, 'sv' | 'en'][] = [
      [undefined, 'sv'],
      ['de-DE', 'sv'],
      ['en-GB,en;q=0.9', 'en'],
      ['sv;q=0.4, en;q=0.8', 'en'],
      ['en;q=0.1, sv-SE;q=0.9', 'sv'],
      ['en;q=0, *;q=0.5', 'sv'],
      ['fr, en;q=0.3', 'en'],
    ];
    for (const [header, expected] of cases) {
      const response = await server.post(
        '/tallies',
        body,
        header === undefined ? {} : { 'accept-language': header },
      );
      expect(response.headers.get('content-language'), String(header)).toBe(expected);
    }
  });
});
