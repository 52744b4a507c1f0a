import { StoreUnavailable } from '@pinnstatistik/core';

/** Socket errors: the network or the server went away. */
const SOCKET_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The driver's own words for a lost, closed or stalled connection (node-postgres and pg-pool
 * raise these as plain `Error`s without a code).
 */
const DRIVER_MESSAGES: readonly RegExp[] = [
  /^Connection terminated/,
  /^Query read timeout$/,
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/,
  /^Client was closed/,
  /^Cannot use a pool after calling end/,
];

/**
 * SQLSTATEs that say the server or the connection failed, or gave up on the request, rather
 * than that the request was wrong: connection exceptions (08), operator intervention (57:
 * shutdown, `pg_terminate_backend`, a cancelled or timed-out statement), insufficient
 * resources (53: too many connections, out of memory or disk), a lock not obtained in time
 * (55P03), and a serialisation failure or deadlock (40001, 40P01) — all worth retrying.
 */
function isTransientSqlState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code.startsWith('57') ||
    code.startsWith('53') ||
    code === '55P03' ||
    code === '40001' ||
    code === '40P01'
  );
}

/** True when `error` is an infrastructure fault (to be thrown as {@link StoreUnavailable}), not a bug. */
export function isFault(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (SOCKET_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isTransientSqlState(code)))
  )
    return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message));
}

/** The server's SQLSTATE for a deadlock or serialisation failure: the statement was rolled back whole. */
export function isRolledBackWhole(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/**
 * Wraps a fault as the port's {@link StoreUnavailable}. `sent` says whether the request may have
 * reached the server: before sending (no connection could be had) nothing was written; after,
 * the outcome is unknown — the connection may have broken after the commit. The message names
 * the fault, never the data of the request.
 */
export function storeUnavailable(error: unknown, sent: boolean, what: string): StoreUnavailable {
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreUnavailable(
    sent
      ? `PostgreSQL failed during ${what}; it may or may not have been applied (${reason})`
      : `PostgreSQL could not be reached for ${what}; nothing was sent (${reason})`,
    sent ? 'unknown' : 'not-written',
    error,
  );
}
