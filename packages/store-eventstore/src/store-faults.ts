import { StoreUnavailable } from '@pinnstatistik/core';

/** The type of an error of either client, structurally (no `instanceof` across packages). */
export function errorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
}

/**
 * Client error types that mean the node could not be reached or did not answer in time — an
 * infrastructure fault, never an answer about the data. From `ErrorType` in both clients'
 * `utils/CommandError` (`convertToCommandError` maps gRPC UNAVAILABLE, DEADLINE_EXCEEDED,
 * CANCELLED by the server and ABORTED — the server's own operation timeout — to these; the
 * KurrentDB client's Rust bridge raises `UnavailableError` and `DeadlineExceededError`
 * (`convertBridgeError`), which is what its reads threw in the fault suite), plus
 * `not-leader`: a follower refused the request without writing, and the client reconnects to
 * the leader it names.
 */
const UNAVAILABLE_TYPES: ReadonlySet<unknown> = new Set([
  'unavailable',
  'deadline-exceeded',
  'cancelled',
  'timeout',
  'not-leader',
]);

/**
 * Whether the request can be known not to have reached the node: grpc-js fails a call with
 * UNAVAILABLE "No connection established" when its channel has no connection to send it on
 * (`load-balancer-pick-first`, `picker` in @grpc/grpc-js), and a follower answers `not-leader`
 * without writing. Anything else (a connection dropped or reset mid-call, a deadline) may have
 * happened after the node received the request.
 */
function neverSent(error: unknown): boolean {
  if (errorType(error) === 'not-leader') return true;
  const text = `${(error as { details?: unknown }).details ?? ''} ${(error as { message?: unknown }).message ?? ''}`;
  return text.includes('No connection established');
}

/**
 * gRPC status codes of a raw `ServiceError` that mean the same: UNAVAILABLE (14),
 * DEADLINE_EXCEEDED (4). The clients do not convert every error: a failed `ServerFeatures`
 * call, which both make before their first append, reaches the caller as grpc-js raised it.
 */
const UNAVAILABLE_CODES: ReadonlySet<unknown> = new Set([14, 4]);

/** Whether an error of either client is an infrastructure fault (the node unreachable, gone or too slow). */
export function isConnectionFault(error: unknown): boolean {
  if (UNAVAILABLE_TYPES.has(errorType(error))) return true;
  return (
    errorType(error) === undefined &&
    UNAVAILABLE_CODES.has((error as { code?: unknown } | null)?.code) &&
    typeof (error as { details?: unknown }).details === 'string'
  );
}

/**
 * The port's {@link StoreUnavailable} for a client error that is an infrastructure fault, or
 * `undefined` for any other error (a conflict, a programmer error), which the caller handles
 * or rethrows. `what` names the operation; `writes` says whether it could have written.
 */
export function storeFault(error: unknown, what: string, writes: boolean): StoreUnavailable | undefined {
  if (error instanceof StoreUnavailable) return error;
  if (!isConnectionFault(error)) return undefined;
  const outcome = !writes || neverSent(error) ? 'not-written' : 'unknown';
  return new StoreUnavailable(
    `EventStoreDB: ${what} failed: the node is unreachable or did not answer`,
    outcome,
    error,
  );
}

/** Rethrows a client error as {@link StoreUnavailable} when it is an infrastructure fault, as it is otherwise. */
export function rethrowAsStoreFault(error: unknown, what: string, writes: boolean): never {
  throw storeFault(error, what, writes) ?? error;
}

/**
 * Runs one call to the node under a deadline of its own. The clients leave most calls without
 * one: reads, subscriptions and the long-lived `BatchAppend` stream are opened with
 * `deadline: Infinity` (`readAll.js`, `readStream.js`, `batchAppend.js` in both packages; the
 * KurrentDB client's reads go through its Rust bridge, which takes none), so a node that stops
 * answering would hang them forever. When the deadline passes first, the call is abandoned
 * (`abandon` cancels what it can) and a {@link StoreUnavailable} is thrown: `unknown` for writes,
 * `not-written` for reads. (`Promise.race` keeps a handler on the abandoned call, so its late
 * failure is never an unhandled rejection.)
 */
export async function withDeadline<T>(
  call: Promise<T>,
  deadlineMs: number,
  what: string,
  writes: boolean,
  abandon?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon?.();
      reject(
        new StoreUnavailable(
          `EventStoreDB: ${what} got no answer within ${deadlineMs} ms`,
          writes ? 'unknown' : 'not-written',
        ),
      );
    }, deadlineMs);
  });
  try {
    return await Promise.race([call, expired]);
  } catch (error) {
    return rethrowAsStoreFault(error, what, writes);
  } finally {
    clearTimeout(timer);
  }
}
