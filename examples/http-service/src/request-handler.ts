import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Language } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { problemBody, refusalBody } from './error-body.js';
import { problems } from './http-problem.js';
import { negotiateLanguage } from './language.js';
import type { Outcome } from './outcome.js';
import { readJsonBody } from './read-json-body.js';
import { refusalStatus } from './refusal-status.js';
import { accessEntry, type Log } from './request-log.js';
import { matchRoute, type Route } from './router.js';
import { sendJson } from './send-json.js';

/** How the request handler is wired. */
export interface RequestHandlerOptions {
  readonly routes: readonly Route[];
  /** The largest request body accepted, in bytes; larger ones get 413. */
  readonly bodyLimit: number;
  readonly log: Log;
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(`http://localhost${raw?.startsWith('/') ? raw : '/'}`);
  } catch {
    return undefined;
  }
}

/** Runs the matched route (reading its body first, if it takes one). */
async function dispatch(
  request: IncomingMessage,
  routes: readonly Route[],
  url: URL | undefined,
  bodyLimit: number,
): Promise<{ outcome: Outcome; route: string }> {
  const match = url === undefined ? undefined : matchRoute(routes, request.method ?? 'GET', url.pathname);
  if (match === undefined || match.kind === 'not-found') {
    request.resume();
    return { outcome: { kind: 'problem', problem: problems.notFound() }, route: '(none)' };
  }
  if (match.kind === 'method-not-allowed') {
    request.resume();
    return {
      outcome: { kind: 'problem', problem: problems.methodNotAllowed(match.allowed) },
      route: '(method not allowed)',
    };
  }
  const { route, params } = match;
  let body: unknown;
  if (route.readsBody) {
    const read = await readJsonBody(request, bodyLimit);
    if (E.isLeft(read)) return { outcome: { kind: 'problem', problem: read.left }, route: route.path };
    body = read.right;
  } else {
    request.resume();
  }
  const query = url?.searchParams ?? new URLSearchParams();
  return { outcome: await route.handle({ params, query, body }), route: route.path };
}

function send(
  response: ServerResponse,
  outcome: Outcome,
  language: Language,
): { status: number; code?: string } {
  switch (outcome.kind) {
    case 'ok':
      sendJson(response, outcome.status, outcome.body, language);
      return { status: outcome.status };
    case 'refused': {
      const status = refusalStatus(outcome.refusal.code);
      sendJson(response, status, refusalBody(outcome.refusal, language), language);
      return { status, code: outcome.refusal.code };
    }
    case 'problem':
      sendJson(
        response,
        outcome.problem.status,
        problemBody(outcome.problem, language),
        language,
        outcome.problem.headers,
      );
      return { status: outcome.problem.status, code: outcome.problem.code };
  }
}

/**
 * The service's `node:http` request listener: route, read and parse the body within the limit,
 * run the command, answer in the negotiated language, log one line. An unexpected error is
 * answered 500 with no detail and logged by its name only (a message may quote input).
 */
export function createRequestHandler(
  options: RequestHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { routes, bodyLimit, log } = options;
  return (request, response) => {
    const startedAt = performance.now();
    const method = request.method ?? 'GET';
    const language = negotiateLanguage(request.headers['accept-language']);
    dispatch(request, routes, parseUrl(request.url), bodyLimit)
      .then(({ outcome, route }) => {
        const { status, code } = send(response, outcome, language);
        log(accessEntry(method, route, status, startedAt, code));
      })
      .catch((error: unknown) => {
        log({ event: 'error', errorName: error instanceof Error ? error.name : typeof error });
        if (!response.headersSent) {
          const problem = problems.internalError();
          sendJson(response, problem.status, problemBody(problem, language), language);
        } else {
          response.destroy();
        }
        log(accessEntry(method, '(error)', 500, startedAt, 'INTERNAL_ERROR'));
      });
  };
}
