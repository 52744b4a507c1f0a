import { Set as PersistentSet } from 'immutable';
import type { SheetCoordinates } from '../tally/events.js';
import { isWellFormedPeriodEvent } from './period-event-shapes.js';
import type {
  DeletedStream,
  PeriodEvent,
  PeriodSealed,
  RegistryEvent,
  SealedSheet,
} from './period-events.js';

/** The key of a sheet within its period. */
export const sheetKey = (coordinates: Pick<SheetCoordinates, 'interventionId' | 'unitId'>): string =>
  `${coordinates.interventionId}/${coordinates.unitId}`;

/** What a period's public stream says: whether it is sealed, and what the seal deleted. */
export interface PeriodState {
  /** The stream's month, when known: tables and seals naming another are not this month's. */
  readonly period?: string;
  readonly sealed: boolean;
  /** Sheets in the sealed tables. */
  readonly sheets: number;
  readonly deleted: readonly DeletedStream[];
  /** The seal as written (its tables' digest and proof are checked before it is acted on). */
  readonly seal?: PeriodSealed['data'];
  /** Every sheet the period's `SheetsSealed` events hold, in order. */
  readonly tables: readonly SealedSheet[];
}

/** A period nothing was sealed in. */
export const emptyPeriod = (period?: string): PeriodState => ({
  ...(period === undefined ? {} : { period }),
  sealed: false,
  sheets: 0,
  deleted: [],
  tables: [],
});

/** Folds a period event in. */
export function evolvePeriod(state: PeriodState, event: { type: string; data: unknown }): PeriodState {
  const typed = event as PeriodEvent;
  // The seal comes after its tables, once: tables or a seal read after it are no part of it —
  // anyone can append them, and one made the operator's seal fail its proof, the month then
  // "unsealed" for amendments and closings (attack 30).
  if (state.sealed) return state;
  if (typed.type !== 'SheetsSealed' && typed.type !== 'PeriodSealed') return state;
  // Anyone can append to the stream: what is not shaped as the seal writes it, or names another
  // month, is no part of this month's seal (attack 31).
  if (!isWellFormedPeriodEvent(typed.type, typed.data)) return state;
  if (state.period !== undefined && typed.data.period !== state.period) return state;
  if (typed.type === 'SheetsSealed') return { ...state, tables: [...state.tables, ...typed.data.sheets] };
  return { ...state, sealed: true, sheets: typed.data.sheets, deleted: typed.data.deleted, seal: typed.data };
}

/** What a period's registry says while its key exists: the registered sheets, and whether it is closed. */
export interface RegistryState {
  /** Registered sheets by their detail stream (readable while the period key exists). */
  readonly registered: ReadonlyMap<string, SheetCoordinates>;
  /** Series opened in the period, by their streams (readable while the period key exists). */
  readonly series: PersistentSet<string>;
  /** How many registrations there are, readable or not. */
  readonly registrations: number;
  readonly closed: boolean;
}

/** A registry nothing was registered in. */
export const emptyRegistry = (): RegistryState => ({
  registered: new Map(),
  series: PersistentSet(),
  registrations: 0,
  closed: false,
});

/** Folds a registry event in; once the key is gone an event arrives with `data` undefined. */
export function evolveRegistry(state: RegistryState, event: { type: string; data: unknown }): RegistryState {
  if (event.data === undefined) return { ...state, registrations: state.registrations + 1 };
  const typed = event as RegistryEvent;
  switch (typed.type) {
    case 'SheetRegistered': {
      const registered = new Map(state.registered);
      const { interventionId, unitId, period, stream } = typed.data;
      registered.set(stream, { interventionId, unitId, period });
      return { ...state, registered, registrations: state.registrations + 1 };
    }
    case 'SeriesRegistered': {
      // A persistent set (versions share structure): a copy per opening made the n-th cost O(n).
      return {
        ...state,
        series: state.series.add(typed.data.series),
        registrations: state.registrations + 1,
      };
    }
    case 'RegistryClosed':
      return { ...state, closed: true };
    default:
      return state;
  }
}
