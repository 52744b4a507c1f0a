import type { RecordedEvent } from '@pinnstatistik/core';
import { appendSize } from './append-size.js';

/** The limits an import's batches keep. */
export interface BatchLimits {
  /** The largest append the target accepts, in bytes. */
  readonly maxAppendBytes: number;
  /** At most this many bytes of events per atomic batch. */
  readonly batchBytes: number;
}

/** Where an import's batches break, fed its events in file order. */
export interface BatchPlan {
  /** True when `event` starts a new batch (the events before it make a complete one). */
  startsBatch(event: RecordedEvent): boolean;
}

/**
 * Breaks an import into batches by the events alone — a stream's part within the append limit,
 * a batch within `batchBytes`, catalogue events never after later events of other streams — so
 * the same events always break the same way, whichever pass reads them.
 */
export function createBatchPlan(limits: BatchLimits): BatchPlan {
  let parts = new Map<string, number>();
  let bytes = 0;
  return {
    startsBatch(event) {
      const size = appendSize(event);
      const part = parts.get(event.stream);
      const barrier = event.stream.startsWith('catalogue-') && part === undefined && parts.size > 0;
      const starts =
        parts.size > 0 &&
        (barrier ||
          (part !== undefined && part + size > limits.maxAppendBytes) ||
          bytes + size > limits.batchBytes);
      if (starts) {
        parts = new Map();
        bytes = 0;
      }
      parts.set(event.stream, (parts.get(event.stream) ?? 0) + size);
      bytes += size;
      return starts;
    },
  };
}
