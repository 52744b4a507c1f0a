import type { Catalogue } from '../catalogue/catalogue.js';
import type { VoidReason } from './void-reasons.js';

/** Where a tally belongs: one sheet per intervention × unit × month. */
export interface SheetCoordinates {
  readonly interventionId: string;
  readonly unitId: string;
  readonly period: string;
}

interface TallyBase extends SheetCoordinates {
  /** The id of the tally: the command id that recorded it. */
  readonly tallyId: string;
  /** The catalogue version the tally was checked against. */
  readonly catalogueVersion: string;
}

/** Head counts by gender code; genders with no one are left out. */
export type HeadCounts = Readonly<Record<string, number>>;

/**
 * A minimised mark: a code from the dimension's closed list, or for a list of ages the codes of
 * its entries, sorted (youngest first), so the order the caller gave them in is not kept.
 */
export type StoredMark = string | readonly string[];

/**
 * Which series a session's tally belongs to, readable only inside the month's sealed detail:
 * the series' tag for the month (a keyed hash under the series' own key, see `sessionTag`) and
 * the session's date. The series stream itself records nothing per session, so no copy of the
 * store counts a series' sessions; the series counts them here, and the seal carries each open
 * series' count of the month to it before the detail is shredded.
 */
export interface SessionOfSeries {
  readonly series: string;
  readonly on: string;
}

/** One contact was tallied, with one minimised mark per dimension its policy tallies. */
export interface ContactTallied {
  readonly type: 'ContactTallied';
  readonly data: TallyBase & {
    readonly marks: Readonly<Record<string, StoredMark>>;
    /** Set on a session's tally (never on a void's copy of it). */
    readonly session?: SessionOfSeries;
  };
}
/** One group meeting was tallied with its participants by gender. */
export interface GroupMeetingTallied {
  readonly type: 'GroupMeetingTallied';
  readonly data: TallyBase & {
    readonly participants: { readonly adults?: HeadCounts; readonly children?: HeadCounts };
  };
}
/** An open activity's visitors were tallied by gender. */
export interface VisitorsTallied {
  readonly type: 'VisitorsTallied';
  readonly data: TallyBase & { readonly visitors: HeadCounts };
}
/** A tally that can be voided. */
export type VoidableTally = ContactTallied | GroupMeetingTallied | VisitorsTallied;

/**
 * A tally was voided: it no longer counts. The compensating event carries the tally it
 * compensates, so a fold can take it away without remembering every tally it has seen.
 */
export interface TallyVoided {
  readonly type: 'TallyVoided';
  readonly data: TallyBase & { readonly reason: VoidReason; readonly voided: VoidableTally };
}

/** A series of connected contacts ended: only its length stays, never its token. */
export interface SeriesEnded {
  readonly type: 'SeriesEnded';
  readonly data: SheetCoordinates & {
    readonly contacts: number;
    /** The series' tag for the month (see {@link SessionOfSeries}): a session racing the end finds it and is refused. */
    readonly series?: string;
  };
}

/**
 * A series of an intervention whose lengths are not tallied ended (sealed, counted in no table):
 * so every closing leaves an end in the month's detail — an absent one would name the
 * intervention — and a session racing the closing meets it, as it meets a {@link SeriesEnded}.
 */
export interface SeriesEndMarked {
  readonly type: 'SeriesEndMarked';
  readonly data: SheetCoordinates & { readonly series: string };
}

/** The sheet was closed for sealing: nothing more is tallied on it. */
export interface SheetClosed {
  readonly type: 'SheetClosed';
  readonly data: SheetCoordinates;
}

/** Events a tally decision writes on a sheet. */
export type TallyEvent = ContactTallied | GroupMeetingTallied | VisitorsTallied | TallyVoided;

/** Every event on a tally sheet's (encrypted) detail stream. */
export type SheetDetailEvent = TallyEvent | SeriesEnded | SeriesEndMarked | SheetClosed;

/** A catalogue version was adopted; it is in force from its `effectiveFrom` date. */
export interface CatalogueAdopted {
  readonly type: 'CatalogueAdopted';
  readonly data: { readonly catalogue: Catalogue };
}

/** The names of tally-sheet events. */
export const TALLY_EVENT_TYPES = [
  'ContactTallied',
  'GroupMeetingTallied',
  'VisitorsTallied',
  'TallyVoided',
] as const;
