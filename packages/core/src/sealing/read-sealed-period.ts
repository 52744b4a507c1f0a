import { openEvent } from '../envelope/open-event.js';
import type { EventStore } from '../ports/event-store.js';
import { periodStream } from '../streams.js';
import { isProvenAmendment } from './amendment-proof.js';
import { isWellFormedPeriodEvent } from './period-event-shapes.js';
import type { PeriodSealed, SealedSheet, SheetAmended } from './period-events.js';
import { isProvenSealOf } from './seal-proof.js';

/** What a sealed period keeps in clear: its tables, the seal, and the amendments since. */
export interface SealedPeriodRecord {
  readonly sheets: readonly SealedSheet[];
  readonly seal: PeriodSealed['data'] | undefined;
  /** The amendments: with a proof key, only those whose proof holds for where they stand. */
  readonly amendments: readonly SheetAmended['data'][];
  /**
   * With a proof key: whether the seal's proof holds over the tables (`false` also when there is
   * no seal). Without one: absent — nothing here was checked against forgery.
   */
  readonly proven?: boolean;
}

/** How {@link readSealedPeriod} checks what it reads. */
export interface ReadSealedPeriodOptions {
  /**
   * The seal-proof subkey (`readSealProofKey(keys)`): the seal and each amendment are checked
   * with it. Without it, anyone who can write to the store could have appended what is read.
   */
  readonly proofKey?: Uint8Array;
}

/** Reads a period's public stream: the sealed tables (all `SheetsSealed` events), the seal, the amendments. */
export async function readSealedPeriod(
  store: EventStore,
  period: string,
  options: ReadSealedPeriodOptions = {},
): Promise<SealedPeriodRecord> {
  const { proofKey } = options;
  const stream = periodStream(period);
  const sheets: SealedSheet[] = [];
  const amendments: SheetAmended['data'][] = [];
  let seal: PeriodSealed['data'] | undefined;
  for await (const recorded of store.readStream(stream)) {
    const opened = openEvent(recorded);
    if (!opened.readable) continue;
    // Read as the service folds the stream: what is not shaped as written, or names another
    // month, is no part of it (attack 31).
    if (!isWellFormedPeriodEvent(opened.type, opened.data)) continue;
    if ((opened.data as { period?: unknown }).period !== period) continue;
    // The seal writes its tables before itself: tables after it are no part of them (appended by
    // anyone who can write to the store — attack 27); the seal's `tables` digest names the rest.
    if (opened.type === 'SheetsSealed' && seal === undefined)
      sheets.push(...(opened.data as unknown as { sheets: SealedSheet[] }).sheets);
    else if (opened.type === 'PeriodSealed' && seal === undefined)
      seal = opened.data as unknown as PeriodSealed['data'];
    else if (opened.type === 'SheetAmended') {
      const amendment = opened.data as unknown as SheetAmended['data'];
      const place = { stream, revision: recorded.revision };
      if (proofKey === undefined || isProvenAmendment(proofKey, place, amendment)) amendments.push(amendment);
    }
  }
  if (proofKey === undefined) return { sheets, seal, amendments };
  const proven = seal !== undefined && isProvenSealOf(stream, seal, sheets, proofKey);
  return { sheets, seal, amendments, proven };
}
