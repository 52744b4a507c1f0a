import { decodeInner, type KeyStore, periodKeyId, type RecordedEvent, readHeader } from '@pinnstatistik/core';

/** What a pass over the log saw: periods with detail, periods sealed, catalogue versions adopted. */
export interface LogOverview {
  observe(event: RecordedEvent): void;
  readonly events: number;
  /** Catalogue versions adopted, in order: `{ id, version, effectiveFrom }`. */
  readonly catalogues: readonly { id: string; version: string; effectiveFrom: string }[];
  readonly sealedPeriods: ReadonlySet<string>;
  /** Periods with detail (tally sheets) that are not sealed, in order. */
  openPeriods(): string[];
  /** Open periods whose key the key store does not have: their detail cannot be read here. */
  unreadablePeriods(keys: KeyStore | undefined): Promise<string[]>;
}

const TALLY_PERIOD = /^tally-(\d{4}-\d{2})/;
const PERIOD_STREAM = /^period-(\d{4}-\d{2})$/;

/** Starts an overview; feed it every event of one pass with `observe`. */
export function createLogOverview(): LogOverview {
  const withDetail = new Set<string>();
  const sealed = new Set<string>();
  const catalogues: { id: string; version: string; effectiveFrom: string }[] = [];
  let events = 0;
  const openPeriods = (): string[] => [...withDetail].filter((period) => !sealed.has(period)).sort();
  return {
    observe(event) {
      events += 1;
      const tally = TALLY_PERIOD.exec(event.stream)?.[1];
      if (tally !== undefined) withDetail.add(tally);
      const period = PERIOD_STREAM.exec(event.stream)?.[1];
      if (period !== undefined && event.type === 'PeriodSealed') sealed.add(period);
      if (event.type === 'CatalogueAdopted' && readHeader(event.metadata)?.codec === 'plain') {
        const catalogue = (
          decodeInner(event.data)?.data as
            | { catalogue?: { id?: unknown; version?: unknown; effectiveFrom?: unknown } }
            | undefined
        )?.catalogue;
        if (catalogue !== undefined)
          catalogues.push({
            id: String(catalogue.id),
            version: String(catalogue.version),
            effectiveFrom: String(catalogue.effectiveFrom),
          });
      }
    },
    get events() {
      return events;
    },
    catalogues,
    sealedPeriods: sealed,
    openPeriods,
    async unreadablePeriods(keys) {
      const unreadable: string[] = [];
      for (const period of openPeriods()) {
        if (keys === undefined || (await keys.get(periodKeyId(period))) === undefined)
          unreadable.push(period);
      }
      return unreadable;
    },
  };
}
