import type { LocalizedText } from '../catalogue/localized-text.js';

/** The stable codes of what verifying the log's integrity can find. */
export const LOG_FINDING_CODES = [
  'CHAIN_HASH_MISMATCH',
  'CHAIN_REVISION_GAP',
  'CHAIN_ENVELOPE_MISSING',
  'LOG_STREAM_MISSING',
  'LOG_STREAM_TRUNCATED',
  'LOG_STREAM_REWRITTEN',
  'LOG_DELETED_STREAM_UNPROVEN',
  'LOG_DELETED_STREAM_REWRITTEN',
  'LOG_DELETED_STREAM_MISMATCH',
  'LOG_CHECKPOINT_INVALID',
  'LOG_CHECKPOINT_KEY_UNTRUSTED',
  'LOG_CHECKPOINT_MISSING',
  'LOG_SEAL_AFTER_CHECKPOINT',
  'LOG_EVENT_MALFORMED',
] as const;

/** A log finding's stable code. */
export type LogFindingCode = (typeof LOG_FINDING_CODES)[number];

/**
 * Something wrong with the log's integrity, naming the stream and where it first diverges: the
 * exact revision when the evidence shows it (a chain link, a stream cut short), else the range of
 * revisions a checkpoint signed and the log no longer matches (one root per stream cannot say
 * which of them changed).
 */
export interface LogFinding {
  readonly code: LogFindingCode;
  readonly stream: string;
  /** The first revision where the stream diverges, when known exactly. */
  readonly revision?: number;
  /** When only a range is known: the stream diverges somewhere in these revisions. */
  readonly revisions?: { readonly from: number; readonly to: number };
  /** The store position of the event concerned (an export's line), when there is one. */
  readonly position?: string;
  readonly message: LocalizedText;
}

/** Structural guard for {@link LogFinding}. */
export function isLogFinding(value: unknown): value is LogFinding {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<LogFinding>;
  return (
    typeof candidate.code === 'string' &&
    (LOG_FINDING_CODES as readonly string[]).includes(candidate.code) &&
    typeof candidate.stream === 'string' &&
    typeof candidate.message === 'object'
  );
}
