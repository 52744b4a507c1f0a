import type { ConsistencyFrom } from '../merkle/deletion-proofs.js';

/** A series was opened for one intervention and unit (private: sealed with the series key). */
export interface SeriesOpened {
  readonly type: 'SeriesOpened';
  readonly data: { readonly interventionId: string; readonly unitId: string; readonly openedOn: string };
}

/**
 * A contact of the series was recorded; its tally is on the sheet (private). Written by
 * versions before sessions were carried by their tallies (see `SessionOfSeries`): still read,
 * no longer written — one event a session let a copy of the store count them.
 */
export interface SessionRecorded {
  readonly type: 'SessionRecorded';
  readonly data: { readonly date: string; readonly tallyId: string };
}

/** A working note (private; it dies with the series key). */
export interface NoteWritten {
  readonly type: 'NoteWritten';
  readonly data: { readonly text: string; readonly writtenOn: string };
}

/** Why a series was closed and its notes destroyed: the caller's words, or retention. */
export type SeriesClosingReason = 'completed' | 'on-request' | 'retention-expired';

/** The series is being closed (private): the date fixes the sheet its end is tallied on, even if closing is resumed later. */
export interface SeriesClosing {
  readonly type: 'SeriesClosing';
  readonly data: { readonly on: string; readonly reason: SeriesClosingReason };
}

/**
 * Filler written with the closing (private, no data), so the deleted stream's size — kept in
 * clear by the index — is a bucket, not its contacts plus its notes plus two.
 */
export interface SeriesPadded {
  readonly type: 'SeriesPadded';
  readonly data: Record<string, never>;
}

/**
 * A month was sealed while the series was open (private): how many of its sessions that month's
 * detail held, and the latest one's date — written by the seal to every open series alike, with
 * or without sessions, before the month's detail is shredded.
 */
export interface SessionsCarried {
  readonly type: 'SessionsCarried';
  readonly data: { readonly period: string; readonly sessions: number; readonly lastOn?: string };
}

/** Events of a series stream. */
export type SeriesEvent =
  | SeriesOpened
  | SessionRecorded
  | NoteWritten
  | SeriesClosing
  | SeriesPadded
  | SessionsCarried;

/** A series exists (in the index, in clear: only its opaque stream name). */
export interface SeriesIndexed {
  readonly type: 'SeriesIndexed';
  readonly data: { readonly series: string };
}

/**
 * A series was closed (in the index, in clear): its stream deleted and its key destroyed, with
 * every working note. What stays: why, how many notes were destroyed, and the deleted
 * stream's size (padded to a bucket, see {@link seriesSizeBucket}) and last hash, so the
 * history stays verifiable — never its contacts.
 */
export interface SeriesClosed {
  readonly type: 'SeriesClosed';
  readonly data: {
    readonly series: string;
    readonly reason: SeriesClosingReason;
    readonly notesDestroyed: number;
    readonly size: number;
    readonly head: string;
    /** The root (hex) of the series stream's Merkle tree at `size`; absent in closings written before the log tree. */
    readonly root?: string;
    /** Consistency proofs from each size a signed checkpoint committed to, to `size`. */
    readonly proofs?: readonly ConsistencyFrom[];
  };
}

/** Events of the series index. */
export type SeriesIndexEvent = SeriesIndexed | SeriesClosed;
