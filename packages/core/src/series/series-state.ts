import { produce } from 'immer';
import type { SeriesClosingReason, SeriesEvent } from './series-events.js';

/** What a series stream says, while its key can read it. */
export interface SeriesState {
  readonly interventionId?: string;
  readonly unitId?: string;
  readonly contacts: number;
  /** The date of the latest contact: its month's sheet tallies the series' end while that month is open. */
  readonly lastContactOn?: string;
  /** The latest date anything happened, for retention. */
  readonly lastActivityOn?: string;
  readonly notes: readonly { readonly text: string; readonly writtenOn: string }[];
  /** Set once closing has begun: when, and why. */
  readonly closing?: { readonly on: string; readonly reason: SeriesClosingReason };
  /** Encrypted events that could not be read (the key is gone). */
  readonly unreadable: number;
}

/** A series nothing has happened to. */
export const emptySeries: SeriesState = { contacts: 0, notes: [], unreadable: 0 };

const later = (a: string | undefined, b: string): string => (a === undefined || b > a ? b : a);

/** Folds a series event in; encrypted events arrive with `data` undefined once the key is gone. */
export function evolveSeries(state: SeriesState, event: { type: string; data: unknown }): SeriesState {
  return produce(state, (draft) => {
    if (event.data === undefined) {
      draft.unreadable += 1;
      return;
    }
    const typed = event as SeriesEvent;
    switch (typed.type) {
      case 'SeriesOpened':
        draft.interventionId = typed.data.interventionId;
        draft.unitId = typed.data.unitId;
        draft.lastActivityOn = later(draft.lastActivityOn, typed.data.openedOn);
        return;
      case 'SessionRecorded':
        draft.contacts += 1;
        draft.lastContactOn = later(draft.lastContactOn, typed.data.date);
        draft.lastActivityOn = later(draft.lastActivityOn, typed.data.date);
        return;
      case 'NoteWritten':
        draft.notes.push(typed.data);
        draft.lastActivityOn = later(draft.lastActivityOn, typed.data.writtenOn);
        return;
      case 'SeriesClosing':
        draft.closing = typed.data;
        return;
      default:
        return;
    }
  });
}
