/** The CLI's exit codes: 0 done (and, for `verify`, clean); 1 the log is not clean; 2 could not run. */
export const EXIT_CODES = { ok: 0, notClean: 1, failure: 2 } as const;

/** A failure the CLI reports as one clear line (plus optional detail lines) and an exit code. */
export class CliError extends Error {
  readonly code = 'CLI_ERROR' as const;
  readonly exitCode: number;
  /** Lines printed before the message (findings, error paths). */
  readonly details: readonly string[];
  /** The message and its detail lines in Swedish, printed instead under `--lang sv`. */
  readonly sv: { readonly message: string; readonly details?: readonly string[] } | undefined;

  constructor(
    message: string,
    options: {
      exitCode?: number;
      details?: readonly string[];
      sv?: { readonly message: string; readonly details?: readonly string[] };
    } = {},
  ) {
    super(message);
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? EXIT_CODES.failure;
    this.details = options.details ?? [];
    this.sv = options.sv;
  }
}

/** Structural guard for {@link CliError}. */
export function isCliError(value: unknown): value is CliError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { code?: unknown }).code === 'CLI_ERROR' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
