import type { EventStore, KeyStore } from '@pinnstatistik/core';
import {
  createStatisticsReport,
  type ReportOptionsInput,
  replay,
  statisticsProjection,
} from '@pinnstatistik/projections';
import * as E from 'fp-ts/lib/Either.js';
import { problems } from '../http-problem.js';
import type { Outcome } from '../outcome.js';
import type { Route } from '../router.js';

const SINGLE = ['from', 'to', 'granularity'] as const;
const LISTS = ['interventions', 'units'] as const;

/** The report options a client may choose; the disclosure threshold is the service's, not the client's. */
function reportInput(
  query: URLSearchParams,
): E.Either<{ path: string; message: string }[], Record<string, unknown>> {
  const known = new Set<string>([...SINGLE, ...LISTS]);
  const unknown = [...new Set(query.keys())].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    return E.left(unknown.map((name) => ({ path: `/${name}`, message: 'not a parameter of this report' })));
  }
  const input: Record<string, unknown> = {};
  for (const name of SINGLE) {
    const value = query.get(name);
    if (value !== null) input[name] = value;
  }
  for (const name of LISTS) {
    const values = query
      .getAll(name)
      .flatMap((value) => value.split(','))
      .filter((value) => value !== '');
    if (values.length > 0) input[name] = values;
  }
  return E.right(input);
}

/**
 * `GET /statistics?from=YYYY-MM&to=YYYY-MM&granularity=month|quarter|year[&interventions=…][&units=…]`:
 * the log replayed into the statistics cube and published with disclosure control over the
 * whole report (counts 1 … k − 1 suppressed, and enough others that none can be derived).
 */
export function statisticsRoutes(store: EventStore, keys: KeyStore, k: number): Route[] {
  const handle = async (query: URLSearchParams): Promise<Outcome> => {
    const input = reportInput(query);
    if (E.isLeft(input)) return { kind: 'problem', problem: problems.invalidQuery(input.left) };
    const { state: cube } = await replay(store, statisticsProjection({ keys }));
    // The schema behind createStatisticsReport validates the input; a missing from/to is an issue there.
    const report = createStatisticsReport(cube, { ...input.right, k } as ReportOptionsInput);
    return E.isLeft(report)
      ? { kind: 'problem', problem: problems.invalidQuery(report.left.issues) }
      : { kind: 'ok', status: 200, body: { report: report.right } };
  };
  return [{ method: 'GET', path: '/statistics', readsBody: false, handle: ({ query }) => handle(query) }];
}
