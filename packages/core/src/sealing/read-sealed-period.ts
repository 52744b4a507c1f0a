import { openEvent } from '../envelope/open-event.js';
import type { EventStore } from '../ports/event-store.js';
import { periodStream } from '../streams.js';
import type { PeriodSealed, SealedSheet, SheetAmended } from './period-events.js';

/** What a sealed period keeps in clear: its tables, the seal, and the amendments since. */
export interface SealedPeriodRecord {
  readonly sheets: readonly SealedSheet[];
  readonly seal: PeriodSealed['data'] | undefined;
  readonly amendments: readonly SheetAmended['data'][];
}

/** Reads a period's public stream: the sealed tables (all `SheetsSealed` events), the seal, the amendments. */
export async function readSealedPeriod(store: EventStore, period: string): Promise<SealedPeriodRecord> {
  const sheets: SealedSheet[] = [];
  const amendments: SheetAmended['data'][] = [];
  let seal: PeriodSealed['data'] | undefined;
  for await (const recorded of store.readStream(periodStream(period))) {
    const opened = openEvent(recorded);
    if (!opened.readable) continue;
    // The seal writes its tables before itself: tables after it are no part of them (appended by
    // anyone who can write to the store — attack 27); the seal's `tables` digest names the rest.
    if (opened.type === 'SheetsSealed' && seal === undefined)
      sheets.push(...(opened.data as unknown as { sheets: SealedSheet[] }).sheets);
    else if (opened.type === 'PeriodSealed' && seal === undefined)
      seal = opened.data as unknown as PeriodSealed['data'];
    else if (opened.type === 'SheetAmended') amendments.push(opened.data as unknown as SheetAmended['data']);
  }
  return { sheets, seal, amendments };
}
