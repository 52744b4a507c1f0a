import type { Catalogue, EventStore, KeyStore } from '@pinnstatistik/core';
import {
  eventStoreReleaseLog,
  publishStatisticsReport,
  type ReportOptionsInput,
  replay,
  statisticsProjection,
} from '@pinnstatistik/projections';
import * as E from 'fp-ts/lib/Either.js';
import { problems } from '../http-problem.js';
import type { Outcome } from '../outcome.js';
import type { Route } from '../router.js';

const SINGLE = ['from', 'to', 'granularity', 'method'] as const;
const LISTS = ['interventions', 'units'] as const;
/** Report options the service sets itself. */
const SERVICE_OPTIONS: ReadonlySet<string> = new Set(['k']);

/**
 * The report options a client may choose (range, granularity, selection, method); the threshold
 * and the cell-key parameters are the service's, not the client's.
 */
function reportInput(
  query: URLSearchParams,
  catalogue: Catalogue,
): E.Either<{ path: string; message: string }[], Record<string, unknown>> {
  const parameters = new Set<string>([...SINGLE, ...LISTS]);
  const unknown = [...new Set(query.keys())].filter((name) => !parameters.has(name));
  if (unknown.length > 0) {
    // A parameter is named back only when it is one of the report's own (k, the threshold, is
    // the service's to set); any other name may be anything the client typed.
    const reportOptions = unknown.filter((name) => SERVICE_OPTIONS.has(name));
    const others = unknown.length - reportOptions.length;
    return E.left([
      ...reportOptions.map((name) => ({
        path: `/${name}`,
        message: 'set by the service, not by the client',
      })),
      ...(others === 0
        ? []
        : [
            {
              path: '',
              message: `${others === 1 ? 'a parameter' : `${others} parameters`} this report does not take`,
            },
          ]),
    ]);
  }
  // A single-valued parameter given twice is ambiguous: refused, not read as its first value (a
  // report answered for one of them would carry the other along unread, and its figures could
  // be taken as an answer to either).
  const repeated = SINGLE.filter((name) => query.getAll(name).length > 1);
  if (repeated.length > 0)
    return E.left(repeated.map((name) => ({ path: `/${name}`, message: 'given more than once' })));
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
  // Filters name the catalogue's ids; anything else is refused without being repeated (the
  // report would otherwise echo its options).
  const known = {
    interventions: new Set(catalogue.interventions.map((policy) => policy.id)),
    units: new Set(catalogue.units.map((unit) => unit.id)),
  };
  const strangers = LISTS.filter((name) =>
    ((input[name] as string[] | undefined) ?? []).some((value) => !known[name].has(value)),
  );
  if (strangers.length > 0) {
    return E.left(
      strangers.map((name) => ({
        path: `/${name}`,
        message: name === 'units' ? 'a unit not in the catalogue' : 'an intervention not in the catalogue',
      })),
    );
  }
  return E.right(input);
}

/** The report names the ids it does not know; the service answers without repeating them. */
function withoutEcho(issue: { path: string; message: string }): { path: string; message: string } {
  if (issue.path === '/interventions')
    return { path: issue.path, message: 'an intervention not in the catalogue' };
  if (issue.path === '/units') return { path: issue.path, message: 'a unit not in the catalogue' };
  return issue;
}

/**
 * `GET /statistics?from=YYYY-MM&to=YYYY-MM&granularity=month|quarter|year[&method=cell-key|suppression][&interventions=…][&units=…]`:
 * the log replayed into the statistics cube and published — by the cell-key method unless
 * `method=suppression` — protected over the whole report and jointly with every earlier
 * answer: each answer is recorded as a release (`ReportPublished` in the `releases` stream).
 * The statistics key is the key store's `statistics` key, created on the first answer.
 */
export function statisticsRoutes(
  store: EventStore,
  keys: KeyStore,
  k: number,
  catalogue: Catalogue,
): Route[] {
  const log = eventStoreReleaseLog(store, { catalogueId: catalogue.id, keys });
  const handle = async (query: URLSearchParams): Promise<Outcome> => {
    const input = reportInput(query, catalogue);
    if (E.isLeft(input)) return { kind: 'problem', problem: problems.invalidQuery(input.left) };
    const { state: cube } = await replay(store, statisticsProjection({ keys }));
    // The schema behind the report validates the input; a missing from/to is an issue there.
    const report = await publishStatisticsReport(cube, { ...input.right, k } as ReportOptionsInput, {
      log,
      keys,
      createStatisticsKey: true,
    });
    if (E.isRight(report)) return { kind: 'ok', status: 200, body: { report: report.right } };
    return report.left.code === 'INVALID_REPORT_OPTIONS'
      ? { kind: 'problem', problem: problems.invalidQuery(report.left.issues.map(withoutEcho)) }
      : { kind: 'problem', problem: problems.reportRefused(report.left) };
  };
  return [{ method: 'GET', path: '/statistics', readsBody: false, handle: ({ query }) => handle(query) }];
}
