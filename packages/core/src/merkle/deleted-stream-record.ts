import type { DeletedStream } from '../sealing/period-events.js';
import { SERIES_INDEX_STREAM } from '../streams.js';
import type { ConsistencyFrom } from './deletion-proofs.js';

/** A deleted stream as a seal or closing accounts for it, and where. */
export interface Deletion {
  readonly holder: string;
  readonly record: DeletedStream;
  readonly position: string;
}

const PERIOD_OF_DELETABLE = /^(?:tally-|registry-)(\d{4}-\d{2})/;

/** The stream whose seal or closing must account for a deleted stream; `undefined` for streams never deleted. */
export function accountableHolder(stream: string): string | undefined {
  const period = PERIOD_OF_DELETABLE.exec(stream)?.[1];
  if (period !== undefined) return `period-${period}`;
  if (stream.startsWith('series-') && stream !== SERIES_INDEX_STREAM) return SERIES_INDEX_STREAM;
  return undefined;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A `deleted` entry of a seal or closing, if it has the shape of one. */
export function asDeletedStream(value: unknown): DeletedStream | undefined {
  if (!isObject(value) || typeof value.stream !== 'string' || typeof value.head !== 'string')
    return undefined;
  if (!Number.isSafeInteger(value.size)) return undefined;
  const proofs = Array.isArray(value.proofs)
    ? value.proofs.filter(
        (proof): proof is ConsistencyFrom =>
          isObject(proof) && Number.isSafeInteger(proof.from) && Array.isArray(proof.path),
      )
    : undefined;
  return {
    stream: value.stream,
    size: value.size as number,
    head: value.head,
    ...(typeof value.root === 'string' ? { root: value.root } : {}),
    ...(proofs === undefined ? {} : { proofs }),
  };
}

/** Revisions 0 … size − 1. */
export const revisionRange = (size: number) => ({ from: 0, to: size - 1 });
