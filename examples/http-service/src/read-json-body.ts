import type { IncomingMessage } from 'node:http';
import * as E from 'fp-ts/lib/Either.js';
import { type HttpProblem, problems } from './http-problem.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the request says its body is JSON (`application/json`, `application/*+json`). */
function declaresJson(request: IncomingMessage): boolean {
  return JSON_MEDIA_TYPE.test(request.headers['content-type'] ?? '');
}

/**
 * Reads a JSON request body of at most `limit` bytes. A declared `Content-Length` over the
 * limit is refused before anything is read; a body that grows past it while streaming is
 * refused as soon as it does (the rest is drained, never kept). Parse errors are reported
 * without their text: Node's `SyntaxError` quotes the body, and the body is never echoed.
 */
export function readJsonBody(
  request: IncomingMessage,
  limit: number,
): Promise<E.Either<HttpProblem, unknown>> {
  if (!declaresJson(request)) {
    request.resume();
    return Promise.resolve(E.left(problems.unsupportedMediaType()));
  }
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve(E.left(problems.payloadTooLarge(limit)));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: E.Either<HttpProblem, unknown>): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle(E.left(problems.payloadTooLarge(limit)));
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => settle(E.left(problems.malformedJson())));
    request.on('end', () => {
      try {
        const text = utf8.decode(Buffer.concat(chunks, size));
        settle(E.right(JSON.parse(text) as unknown));
      } catch {
        settle(E.left(problems.malformedJson()));
      }
    });
  });
}
