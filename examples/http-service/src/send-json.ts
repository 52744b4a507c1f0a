import type { ServerResponse } from 'node:http';
import type { Language } from '@pinnstatistik/core';

/**
 * Answers with a JSON body. Every answer varies by `Accept-Language` and is not to be cached
 * (receipts, notes and refusals are about one request).
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  language: Language,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'content-language': language,
    vary: 'Accept-Language',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}
