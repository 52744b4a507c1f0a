import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromEnvironment } from '../src/index.js';
import { type ErrorResponse, startTestServer, type TestServer } from './test-server.js';

const exempelby = fileURLToPath(
  new URL('../../other-municipality/catalogue/exempelby.catalogue.json', import.meta.url),
);
const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

describe('configuration from the environment', () => {
  it('defaults everything when nothing is set', () => {
    expect(configFromEnvironment({})).toEqual({ _tag: 'Right', right: {} });
  });

  it('reports every bad setting, as data', () => {
    const result = configFromEnvironment({ PORT: '80a', BODY_LIMIT_BYTES: '1', DISCLOSURE_K: '1' });
    expect(result._tag).toBe('Left');
    if (result._tag === 'Left') expect(result.left.problems).toHaveLength(3);
  });

  it('reports an invalid catalogue file by JSON Pointer', () => {
    const result = configFromEnvironment({ CATALOGUE_FILE: fileURLToPath(import.meta.url) });
    expect(result._tag).toBe('Left');
    if (result._tag === 'Left') expect(result.left.problems[0]).toMatch(/^CATALOGUE_FILE \/: not valid JSON/);
  });

  it('serves another municipality’s catalogue from CATALOGUE_FILE', async () => {
    const config = configFromEnvironment({ CATALOGUE_FILE: exempelby });
    if (config._tag === 'Left') throw new Error(config.left.problems.join('\n'));
    const server = await startTestServer({ catalogue: config.right.catalogue });
    servers.push(server);
    const response = await server.post(
      '/tallies',
      {
        type: 'TallyContact',
        commandId: '0c0ffee0-0000-4000-8000-000000000999',
        interventionId: 'servicetjanster-75',
        unitId: 'hemtjansten',
        date: '2025-06-10',
        marks: {},
      },
      { 'accept-language': 'en' },
    );
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorResponse;
    expect(error).toMatchObject({ code: 'CASE_RECORD_REQUIRED', rule: { catalogueId: 'exempelby' } });
  });
});
