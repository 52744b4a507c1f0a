import type { StoredReceipt } from './receipt.js';

/**
 * The receipts of the commands already in a stream (idempotency), as the service keeps them
 * while the stream is loaded. Every readable event folded or appended is recorded, in order;
 * a command is found by its id. How much is kept in memory is the book's choice: all of it
 * for short streams, a bounded index for tally sheets ({@link createSheetReceipts}).
 */
export interface ReceiptBook {
  /** Records one event of a command; an event recorded already (a catch-up read again) is ignored. */
  record(
    commandId: string,
    digest: string | undefined,
    eventId: string,
    revision: number,
    hash: Uint8Array,
  ): void;
  /** The receipt of a command in the stream, when it is in memory now (no read). */
  recent(commandId: string): StoredReceipt | undefined;
  /**
   * The receipt of a command in the stream: at once when the book can tell without reading
   * (always, for most commands), or a promise when it reads the command's events back.
   */
  find(commandId: string): StoredReceipt | undefined | Promise<StoredReceipt | undefined>;
}

/** Adds an event's id to a command's receipt, unless the receipt has it already. */
export function withEvent(
  receipt: StoredReceipt | undefined,
  stream: string,
  commandId: string,
  digest: string | undefined,
  eventId: string,
  revision: number,
): StoredReceipt | undefined {
  if (receipt?.eventIds.includes(eventId) === true) return undefined;
  return {
    commandId,
    stream,
    // Not `[...ids, id]`: a spread array keeps spare capacity (≈ 130 bytes a receipt).
    eventIds: receipt === undefined ? [eventId] : receipt.eventIds.concat(eventId),
    revision,
    digest: receipt?.digest ?? digest,
  };
}

/** A book keeping every receipt of its stream in memory: for streams of a few commands (series, periods, registries). */
export function createReceiptMap(stream: string): ReceiptBook {
  const receipts = new Map<string, StoredReceipt>();
  return {
    record(commandId, digest, eventId, revision) {
      const next = withEvent(receipts.get(commandId), stream, commandId, digest, eventId, revision);
      if (next !== undefined) receipts.set(commandId, next);
    },
    recent: (commandId) => receipts.get(commandId),
    find: (commandId) => receipts.get(commandId),
  };
}
