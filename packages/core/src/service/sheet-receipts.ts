import { openEvent, type SealerFor } from '../envelope/open-event.js';
import type { EventStore } from '../ports/event-store.js';
import type { StoredReceipt } from './receipt.js';
import { type ReceiptBook, withEvent } from './receipt-book.js';
import { createRevisionTable, type RevisionTable } from './revision-table.js';
import { createVerifiedHashes, readVerified, type VerifiedHashes } from './verified-read.js';

/** Receipts kept whole: the newest commands', which retries and batches ask for. */
const RECENT_RECEIPTS = 16;

/** A tally sheet's receipts, and the hashes that let its events be read back verified. */
export interface SheetReceipts extends ReceiptBook {
  readonly hashes: VerifiedHashes;
}

/**
 * The receipts of a tally sheet, bounded: a sheet takes every tally of a month, and keeping
 * each command's receipt whole held hundreds of bytes a tally. Kept here: the newest receipts
 * whole, and for every command only its first revision under a fingerprint of its id, and
 * each event's hash prefix (≈ 32 bytes a command in all). An older command is found by
 * reading its events back — verified against the kept hashes, opened with the sheet's key, its
 * id compared in full — so a fingerprint shared by another id costs a read, never an answer.
 */
export function createSheetReceipts(
  store: EventStore,
  stream: string,
  sealerFor: SealerFor,
  firstRevisions: RevisionTable = createRevisionTable(),
): SheetReceipts {
  const hashes = createVerifiedHashes();
  const recent = new Map<string, StoredReceipt>();
  let lastCommand: string | undefined;
  let lastFirst = -1;
  // Commands of more than one event on the sheet, by first revision (a sheet's commands write
  // one): a read-back reads exactly a command's events, each verified and opened.
  const eventCounts = new Map<number, number>();

  const readBack = async (commandId: string, first: number): Promise<StoredReceipt | undefined> => {
    let receipt: StoredReceipt | undefined;
    const count = eventCounts.get(first) ?? 1;
    for (const recorded of await readVerified(store, stream, hashes, first, count)) {
      const opened = openEvent(recorded, sealerFor);
      if (!opened.readable || opened.meta.commandId !== commandId) break;
      receipt = withEvent(receipt, stream, commandId, opened.meta.digest, recorded.id, recorded.revision);
    }
    return receipt;
  };

  const firstFound = async (commandId: string, candidates: readonly number[]) => {
    for (const first of candidates) {
      const receipt = await readBack(commandId, first);
      if (receipt !== undefined) return receipt;
    }
    return undefined;
  };

  return {
    hashes,
    record(commandId, digest, eventId, revision, hash) {
      if (revision < hashes.size) return;
      hashes.keep(revision, hash);
      if (commandId !== lastCommand) {
        firstRevisions.add(commandId, revision);
        lastFirst = revision;
      } else eventCounts.set(lastFirst, revision - lastFirst + 1);
      lastCommand = commandId;
      const next = withEvent(recent.get(commandId), stream, commandId, digest, eventId, revision);
      if (next === undefined) return;
      recent.delete(commandId);
      recent.set(commandId, next);
      if (recent.size > RECENT_RECEIPTS) recent.delete(recent.keys().next().value as string);
    },
    recent: (commandId) => recent.get(commandId),
    find(commandId) {
      const kept = recent.get(commandId);
      if (kept !== undefined) return kept;
      const candidates = firstRevisions.candidates(commandId, hashes.size);
      return candidates.length === 0 ? undefined : firstFound(commandId, candidates);
    },
  };
}
