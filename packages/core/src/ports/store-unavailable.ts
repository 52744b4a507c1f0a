/**
 * A store could not be reached, or the connection was lost or stalled: an infrastructure
 * fault, thrown (never returned as a refusal by the store itself), and retryable. `outcome`
 * says whether the write may have happened: `not-written` when the store knows it did not
 * (the connection failed before the request was sent), `unknown` when it may have (the
 * connection broke after the request was sent). Because appends are idempotent by event id,
 * retrying the same command as is is safe in both cases.
 */
export class StoreUnavailable extends Error {
  readonly code = 'STORE_UNAVAILABLE' as const;
  readonly retryable = true as const;
  readonly outcome: 'not-written' | 'unknown';
  override readonly cause: unknown;

  constructor(message: string, outcome: 'not-written' | 'unknown', cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailable';
    this.outcome = outcome;
    this.cause = cause;
  }
}

/** Structural guard for {@link StoreUnavailable} (works across package copies, unlike `instanceof`). */
export function isStoreUnavailable(error: unknown): error is StoreUnavailable {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'STORE_UNAVAILABLE' &&
    (error as { retryable?: unknown }).retryable === true
  );
}
