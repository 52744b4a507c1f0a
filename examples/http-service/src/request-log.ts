/** One structured log entry. */
export type LogEntry = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where the service writes its log: one JSON object per line by default. */
export type Log = (entry: LogEntry) => void;

/** Writes each entry as a JSON line on standard output. */
export const jsonLinesLog: Log = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

/**
 * The access-log entry of one request. It names the route *template* (`/series/:token/notes`),
 * never the path (the token is a capability) nor anything from the body or the query.
 */
export function accessEntry(
  method: string,
  route: string,
  status: number,
  startedAt: number,
  code?: string,
): LogEntry {
  return {
    event: 'request',
    method,
    route,
    status,
    ms: Math.round((performance.now() - startedAt) * 10) / 10,
    ...(code === undefined ? {} : { code }),
  };
}
