/** A `$all` position: the commit and prepare parts of the transaction log, both kept. */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const FORMAT = /^C:(\d+)\/P:(\d+)$/;

/** Serialises a `$all` position as the store's opaque position string, `C:{commit}/P:{prepare}`. */
export function formatPosition(position: EsdbPosition): string {
  return `C:${position.commit}/P:${position.prepare}`;
}

/** Parses a position string this store issued; anything else is a programmer error. */
export function parsePosition(position: string): EsdbPosition {
  const match = FORMAT.exec(position);
  if (match === null) throw new TypeError(`not a position of this store: ${JSON.stringify(position)}`);
  return { commit: BigInt(match[1] as string), prepare: BigInt(match[2] as string) };
}

/** Orders two positions: negative, zero or positive. */
export function comparePositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
