/**
 * A global position in the PostgreSQL log: the id of the transaction that wrote the event and
 * the event's sequence number. The log is read in that order, never past a transaction still
 * running, so an event committed late can never fall behind a position already handed out.
 */
export interface LogPosition {
  /** `xid8` of the writing transaction, as decimal text. */
  readonly transactionId: string;
  /** The event's `bigint` sequence number, as decimal text. */
  readonly sequence: string;
}

const FORMAT = /^(\d{1,20}):(\d{1,19})$/;

/** The position string callers see (opaque to them): `transactionId:sequence`. */
export function formatPosition(position: LogPosition): string {
  return `${position.transactionId}:${position.sequence}`;
}

/** Reads a position this store issued; anything else is a programmer error. */
export function parsePosition(position: string): LogPosition {
  const match = FORMAT.exec(position);
  if (match === null) throw new TypeError(`not a position of this store: ${JSON.stringify(position)}`);
  return { transactionId: match[1] as string, sequence: match[2] as string };
}

/** Orders two positions of this store (negative, zero, positive), for tests and tools. */
export function comparePositions(left: string, right: string): number {
  const a = parsePosition(left);
  const b = parsePosition(right);
  const byTransaction = BigInt(a.transactionId) - BigInt(b.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  const bySequence = BigInt(a.sequence) - BigInt(b.sequence);
  return bySequence === 0n ? 0 : bySequence < 0n ? -1 : 1;
}

/** A position before every event: what an append to an absent stream that writes nothing reports. */
export const START_POSITION = '0:0';
