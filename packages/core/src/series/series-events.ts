/** A series was opened for one intervention and unit (encrypted with the series key). */
export interface SeriesOpened {
  readonly type: 'SeriesOpened';
  readonly data: { readonly interventionId: string; readonly unitId: string; readonly openedOn: string };
}

/** A contact of the series was recorded; its tally is on the sheet (encrypted). */
export interface SessionRecorded {
  readonly type: 'SessionRecorded';
  readonly data: { readonly date: string; readonly tallyId: string };
}

/** A working note (encrypted with the series key; it dies with the key). */
export interface NoteWritten {
  readonly type: 'NoteWritten';
  readonly data: { readonly text: string; readonly writtenOn: string };
}

/** Why working notes were destroyed. */
export type NotesDestroyedReason = 'series-closed' | 'retention-expired' | 'on-request';

/** The series was closed: its notes were destroyed with its key. Only the count and the reason stay (in clear). */
export interface WorkingNotesDestroyed {
  readonly type: 'WorkingNotesDestroyed';
  readonly data: { readonly count: number; readonly reason: NotesDestroyedReason };
}

/** Events of a series stream. */
export type SeriesEvent = SeriesOpened | SessionRecorded | NoteWritten | WorkingNotesDestroyed;

/** A series exists (in the index, in clear: only its opaque stream name). */
export interface SeriesIndexed {
  readonly type: 'SeriesIndexed';
  readonly data: { readonly series: string };
}
