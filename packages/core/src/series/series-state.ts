import { produce } from 'immer';
import type { SeriesClosingReason, SeriesEvent } from './series-events.js';

/** What a series stream says, while its key can read it. */
export interface SeriesState {
  readonly interventionId?: string;
  readonly unitId?: string;
  readonly openedOn?: string;
  /**
   * Contacts the series stream itself records: sessions written before tallies carried their
   * series (`SessionRecorded`), and those of sealed months (`SessionsCarried`). Sessions of
   * months still open are on their tallies (see `countSessions`).
   */
  readonly contacts: number;
  /** The date of the latest contact the stream records. */
  readonly lastContactOn?: string;
  /** The sealed months whose sessions were carried here: their detail is not counted again. */
  readonly carried: readonly string[];
  /** The latest date anything happened, for retention. */
  readonly lastActivityOn?: string;
  readonly notes: readonly { readonly text: string; readonly writtenOn: string }[];
  /** Set once the closing has padded the stream: nothing more is written on it. */
  readonly padded?: true;
  /** Set once closing has begun: when, and why. */
  readonly closing?: { readonly on: string; readonly reason: SeriesClosingReason };
  /** Encrypted events that could not be read (the key is gone). */
  readonly unreadable: number;
}

/** A series nothing has happened to. */
export const emptySeries: SeriesState = { contacts: 0, carried: [], notes: [], unreadable: 0 };

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
        draft.openedOn = typed.data.openedOn;
        draft.lastActivityOn = later(draft.lastActivityOn, typed.data.openedOn);
        return;
      case 'SessionRecorded':
        draft.contacts += 1;
        draft.lastContactOn = later(draft.lastContactOn, typed.data.date);
        draft.lastActivityOn = later(draft.lastActivityOn, typed.data.date);
        return;
      case 'SessionsCarried':
        draft.carried.push(typed.data.period);
        draft.contacts += typed.data.sessions;
        if (typed.data.lastOn !== undefined) {
          draft.lastContactOn = later(draft.lastContactOn, typed.data.lastOn);
          draft.lastActivityOn = later(draft.lastActivityOn, typed.data.lastOn);
        }
        return;
      case 'NoteWritten':
        draft.notes.push(typed.data);
        draft.lastActivityOn = later(draft.lastActivityOn, typed.data.writtenOn);
        return;
      case 'SeriesClosing':
        draft.closing = typed.data;
        return;
      case 'SeriesPadded':
        draft.padded = true;
        return;
      default:
        return;
    }
  });
}
