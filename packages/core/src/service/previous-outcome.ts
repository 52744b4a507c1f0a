import * as E from 'fp-ts/lib/Either.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { Receipt, StoredReceipt } from './receipt.js';

/** The receipt of a command already in a stream, or the refusal when its id was used for other content. */
export function previousOutcome(
  receipts: ReadonlyMap<string, StoredReceipt>,
  commandId: string,
  digest: string | undefined,
): E.Either<Refusal, Receipt> | undefined {
  const previous = receipts.get(commandId);
  if (previous === undefined) return undefined;
  if (previous.digest !== undefined && digest !== undefined && previous.digest !== digest)
    return E.left(refuse.commandIdReused());
  const { digest: _digest, ...receipt } = previous;
  return E.right(receipt);
}
