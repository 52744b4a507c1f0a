import type { SeriesEvent } from './series-events.js';

/** What a series stream says, while its key can read it. */
export interface SeriesState {
  readonly interventionId?: string;
  readonly unitId?: string;
  readonly contacts: number;
  /** The date of the last contact, for the sheet its end is marked on. */
  readonly lastContactOn?: string;
  /** The latest date anything happened, for retention. */
  readonly lastActivityOn?: string;
  readonly notes: readonly { readonly text: string; readonly writtenOn: string }[];
  readonly closed: boolean;
  /** Encrypted events that could not be read (the key is gone). */
  readonly unreadable: number;
}

/** A series nothing has happened to. */
export const emptySeries: SeriesState = { contacts: 0, notes: [], closed: false, unreadable: 0 };

const later = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);

/** Folds a series event in; encrypted events arrive with `data` undefined once the key is gone. */
export function evolveSeries(state: SeriesState, event: { type: string; data: unknown }): SeriesState {
  if (event.data === undefined) return { ...state, unreadable: state.unreadable + 1 };
  const typed = event as SeriesEvent;
  switch (typed.type) {
    case 'SeriesOpened':
      return {
        ...state,
        interventionId: typed.data.interventionId,
        unitId: typed.data.unitId,
        lastActivityOn: later(state.lastActivityOn, typed.data.openedOn),
      };
    case 'SessionRecorded':
      return {
        ...state,
        contacts: state.contacts + 1,
        lastContactOn: later(state.lastContactOn, typed.data.date),
        lastActivityOn: later(state.lastActivityOn, typed.data.date),
      };
    case 'NoteWritten':
      return {
        ...state,
        notes: [...state.notes, typed.data],
        lastActivityOn: later(state.lastActivityOn, typed.data.writtenOn),
      };
    case 'WorkingNotesDestroyed':
      return { ...state, closed: true, notes: [] };
    default:
      return state;
  }
}
