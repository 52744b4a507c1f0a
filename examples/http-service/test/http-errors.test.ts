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
  server = await startTestServer({ bodyLimit: 4096 });
});
afterAll(() => server.close());

describe('HTTP-level problems', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON and does not quote it', async () => {
    const broken = '{"type":"TallyContact","marks":{"routeIn":"19850709-9805"';
    const response = await server.post('/tallies', broken, { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect((JSON.parse(text) as ErrorResponse).error.code).toBe('MALFORMED_JSON');
    expect(text).not.toContain('9805');
    expect(text).not.toContain('TallyContact');
    expect(JSON.stringify(server.logged)).not.toContain('9805');
  });

  it('answers an empty body and invalid UTF-8 with 400', async () => {
    expect((await server.post('/tallies', '')).status).toBe(400);
    const invalidUtf8 = await fetch(`${server.url}/tallies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(invalidUtf8.status).toBe(400);
  });

  it('answers JSON of the wrong shape as a refusal: 422 INVALID_INPUT', async () => {
    const response = await server.post('/tallies', [1, 2, 3]);
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('INVALID_INPUT');
  });

  it('answers a body over the limit with 413, by its Content-Length', async () => {
    const big = { ...counselling, commandId: commandId(1), padding: 'x'.repeat(8000) };
    const response = await server.post('/tallies', big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a streamed (chunked) body that grows over the limit with 413', async () => {
    const chunk = new TextEncoder().encode(`{"padding":"${'x'.repeat(1000)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 8) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.url}/tallies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await fetch(`${server.url}/tallies`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hej',
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown path with 404 and a known path with the wrong method with 405 and Allow', async () => {
    const missing = await fetch(`${server.url}/nothing/here`, { headers: { 'accept-language': 'en' } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorResponse).error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no such resource.',
    });
    const wrongMethod = await fetch(`${server.url}/tallies`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const put = await fetch(`${server.url}/series/ABC/notes`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST, GET');
  });

  it('answers GET /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
