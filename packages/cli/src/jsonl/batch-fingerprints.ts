import { createHash, type Hash } from 'node:crypto';
import type { RecordedEvent } from '@pinnstatistik/core';
import { type BatchLimits, createBatchPlan } from './batch-plan.js';

/** Fingerprints an import's batches as its events go past, in file order. */
export interface BatchFingerprints {
  /** Takes the next event; when it starts a new batch, answers the fingerprint of the one it closes. */
  add(event: RecordedEvent): string | undefined;
  /** The fingerprint of the last batch (`undefined` when there were no events). */
  finish(): string | undefined;
}

/** Everything of an event a store keeps, length-prefixed so no two events hash alike. */
function update(hash: Hash, event: RecordedEvent): void {
  for (const part of [
    Buffer.from(event.stream),
    Buffer.from(String(event.revision)),
    Buffer.from(event.id),
    Buffer.from(event.type),
    event.data,
    event.metadata,
  ]) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(part.length);
    hash.update(length);
    hash.update(part);
  }
}

/**
 * A SHA-256 over each batch of an import, broken by `createBatchPlan`. The verify pass keeps
 * them (a few bytes a batch, never the events); the write pass appends a batch only when its
 * own fingerprint is the verified one, so it writes exactly what was verified even when the file
 * is changed or swapped between the passes.
 */
export function createBatchFingerprints(limits: BatchLimits): BatchFingerprints {
  const plan = createBatchPlan(limits);
  let hash: Hash | undefined;
  const close = (): string | undefined => {
    const closed = hash?.digest('hex');
    hash = undefined;
    return closed;
  };
  return {
    add(event) {
      const closed = plan.startsBatch(event) ? close() : undefined;
      hash ??= createHash('sha256');
      update(hash, event);
      return closed;
    },
    finish: close,
  };
}
