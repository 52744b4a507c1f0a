/** What a command wrote: the same for a command and for its retry. */
export interface Receipt {
  readonly commandId: string;
  readonly stream: string;
  /** The ids of the events the command wrote (empty when it changed nothing). */
  readonly eventIds: readonly string[];
  /** The stream's revision after the command's last event. */
  readonly revision: number;
}

/** A tally's receipt: `tallyId` is what a later void refers to. */
export interface TallyReceipt extends Receipt {
  readonly tallyId: string;
}

/** A receipt as a stream remembers it, with the digest of the command's content. */
export interface StoredReceipt extends Receipt {
  readonly digest: string | undefined;
}
