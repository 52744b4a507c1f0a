import type { LocalizedText } from '@pinnstatistik/core';

/** The stable codes of audit findings. */
export const FINDING_CODES = [
  'CHAIN_HASH_MISMATCH',
  'CHAIN_REVISION_GAP',
  'CHAIN_ENVELOPE_MISSING',
  'EVENT_MALFORMED',
  'KIND_FORBIDS_RECORDING',
  'UNKNOWN_INTERVENTION',
  'DIMENSION_NOT_ALLOWED',
  'VALUE_NOT_ALLOWED',
  'CATALOGUE_VERSION_NOT_IN_FORCE',
  'CATALOGUE_VERSION_UNREGISTERED',
  'SERIES_LIMIT_EXCEEDED',
  'SERIES_BELOW_MINIMUM',
  'DETAIL_NOT_DELETED',
  'DETAIL_IN_CLEAR',
  'PERIOD_UNSEALED_PAST_GRACE',
  'DETAIL_DECRYPTABLE_AFTER_SEAL',
  'SERIES_KEY_NOT_DESTROYED',
  'PERIOD_SEAL_UNPROVEN',
  'AMENDMENT_UNPROVEN',
] as const;

/** A finding's stable code. */
export type FindingCode = (typeof FINDING_CODES)[number];

/** Something an audit found: where (stream, position, revision), by which rule, in plain words. */
export interface Finding {
  readonly code: FindingCode;
  readonly stream: string;
  /** The global position of the event, when the finding is about one event. */
  readonly position?: string;
  readonly revision?: number;
  readonly rule: {
    readonly catalogueId?: string;
    readonly catalogueVersion?: string;
    readonly interventionId?: string;
    readonly clause: string;
  };
  readonly message: LocalizedText;
}

/** Structural guard for {@link Finding}. */
export function isFinding(value: unknown): value is Finding {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Finding>;
  return (
    typeof candidate.code === 'string' &&
    (FINDING_CODES as readonly string[]).includes(candidate.code) &&
    typeof candidate.stream === 'string' &&
    typeof candidate.rule === 'object'
  );
}
