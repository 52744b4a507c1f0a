import * as E from 'fp-ts/lib/Either.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { Receipt, StoredReceipt } from './receipt.js';
import type { ReceiptBook } from './receipt-book.js';

type Outcome = E.Either<Refusal, Receipt> | undefined;

/** A stored receipt as answered (without its digest), or the refusal when the command id was used for other content. */
function outcomeOf(previous: StoredReceipt, digest: string | undefined): E.Either<Refusal, Receipt> {
  if (previous.digest !== undefined && digest !== undefined && previous.digest !== digest)
    return E.left(refuse.commandIdReused());
  const { digest: _digest, ...receipt } = previous;
  return E.right(receipt);
}

/**
 * The receipt of a command already in a stream, or the refusal when its id was used for other
 * content; `undefined` for a new command. At once when the book needs no read (a promise adds
 * turns of the event loop that reorder a stream's queued commands against others).
 */
export function previousOutcome(
  receipts: ReceiptBook,
  commandId: string,
  digest: string | undefined,
): Outcome | Promise<Outcome> {
  const found = receipts.find(commandId);
  if (found instanceof Promise)
    return found.then((previous) => (previous === undefined ? undefined : outcomeOf(previous, digest)));
  return found === undefined ? undefined : outcomeOf(found, digest);
}
