import { fixedClock } from '@pinnstatistik/core';
import { type RunningServer, type ServerOptions, startServer } from '../src/index.js';
import type { LogEntry } from '../src/request-log.js';

/** A server on 127.0.0.1 and a free port, on a clock stopped at the end of June 2025, with its log kept. */
export interface TestServer extends RunningServer {
  readonly logged: LogEntry[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const logged: LogEntry[] = [];
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    clock: fixedClock('2025-06-30T12:00:00Z'),
    log: (entry) => logged.push(entry),
    ...options,
  });
  return {
    ...server,
    logged,
    post: (path, body, headers = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

/** A counselling session at the family centre that the Vaggeryd policy accepts. */
export const counselling = {
  type: 'TallyContact',
  interventionId: 'familjecentral-enskilda-samtal',
  unitId: 'familjecentral',
  date: '2025-06-11',
  marks: {
    gender: 'female',
    adultAge: 31,
    numberOfChildren: 1,
    household: 'cohabiting',
    problemArea: 'parenting',
    routeIn: 'child-health-care',
    furtherAction: 'none',
  },
} as const;

/** A command id that differs by `n`. */
export const commandId = (n: number): string => `0c0ffee0-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Error bodies as the service sends them. */
export interface ErrorResponse {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly rule?: Record<string, unknown>;
    readonly details?: Record<string, unknown>;
  };
}
