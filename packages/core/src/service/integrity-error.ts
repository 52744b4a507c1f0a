import type { ChainFinding } from '../envelope/chain-verifier.js';

/** Thrown when a stream read back from the store fails its hash chain: an infrastructure fault, never silently built on. */
export class IntegrityError extends Error {
  readonly code = 'INTEGRITY_ERROR' as const;
  readonly finding: ChainFinding;

  constructor(finding: ChainFinding) {
    super(`stream ${finding.stream} at revision ${finding.revision}: ${finding.message}`);
    this.name = 'IntegrityError';
    this.finding = finding;
  }
}

/** Structural guard for {@link IntegrityError}. */
export function isIntegrityError(value: unknown): value is IntegrityError {
  return (
    typeof value === 'object' && value !== null && (value as { code?: unknown }).code === 'INTEGRITY_ERROR'
  );
}
