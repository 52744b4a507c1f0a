import type { SheetCoordinates } from '../tally/events.js';
import type { PeriodEvent } from './period-events.js';

/** The key of a sheet within its period. */
export const sheetKey = (coordinates: Pick<SheetCoordinates, 'interventionId' | 'unitId'>): string =>
  `${coordinates.interventionId}/${coordinates.unitId}`;

/** What a period's stream says: its registered sheets (readable while the key exists), seal progress. */
export interface PeriodState {
  /** Registered sheets by their detail stream, while the period key can decrypt them. */
  readonly registered: ReadonlyMap<string, SheetCoordinates>;
  /** How many registrations there are, readable or not. */
  readonly registrations: number;
  /** Sheets whose `SheetSealed` is written, by {@link sheetKey}. */
  readonly sealedSheets: ReadonlySet<string>;
  readonly sealed: boolean;
}

/** A period nobody has written to. */
export const emptyPeriod = (): PeriodState => ({
  registered: new Map(),
  registrations: 0,
  sealedSheets: new Set(),
  sealed: false,
});

/** Folds a period event in; a registration whose key is gone arrives with `data` undefined. */
export function evolvePeriod(state: PeriodState, event: { type: string; data: unknown }): PeriodState {
  const typed = event as PeriodEvent | { type: 'SheetRegistered'; data: undefined };
  switch (typed.type) {
    case 'SheetRegistered': {
      const registered = new Map(state.registered);
      if (typed.data !== undefined) {
        const { interventionId, unitId, period, stream } = typed.data;
        registered.set(stream, { interventionId, unitId, period });
      }
      return { ...state, registered, registrations: state.registrations + 1 };
    }
    case 'SheetSealed':
      return { ...state, sealedSheets: new Set([...state.sealedSheets, sheetKey(typed.data)]) };
    case 'PeriodSealed':
      return { ...state, sealed: true };
    default:
      return state;
  }
}
