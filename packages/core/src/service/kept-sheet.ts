import { Map as PersistentMap } from 'immutable';
import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { CatalogueAdopted, SheetDetailEvent } from '../tally/events.js';
import type { LoadedStream } from './loaded-stream.js';
import { createRevisionTable, type RevisionTable } from './revision-table.js';
import type { SheetReceipts } from './sheet-receipts.js';

/**
 * The revisions of a sheet's tallies and voids, by tally id (fingerprints: no ids, no
 * tallies). Shared by successive states: each sees the entries below its own size, and a
 * state evolved again after a newer one (a branch) copies what it sees first.
 */
interface TallyRevisions {
  /** The size of the newest state built on these tables. */
  size: number;
  readonly tallies: RevisionTable;
  readonly voids: RevisionTable;
}

/**
 * What the service keeps of a tally sheet between commands: the catalogues, whether it is
 * closed, and where each tally and void is — a few dozen bytes a tally, however many the
 * month holds. A void reads its tally back from the store ({@link readTallyToVoid}).
 */
export interface KeptSheet {
  readonly catalogues: CatalogueHistory;
  readonly closed: boolean;
  /** The events folded: the revision the next one takes. */
  readonly size: number;
  readonly revisions: TallyRevisions;
  /**
   * Sessions on the month's detail, by their series' tag for the month: a persistent map (each
   * state shares the rest with the one before it) — a copy per session made a month's n-th
   * series cost O(n) tags.
   */
  readonly sessions: PersistentMap<string, SessionsOfTag>;
}

/** What a month's detail holds of one series: its sessions, the latest one's date, whether it ended. */
export interface SessionsOfTag {
  readonly sessions: number;
  readonly lastOn?: string;
  readonly ended: boolean;
}

const NO_SESSIONS: SessionsOfTag = { sessions: 0, ended: false };

function withSession(
  sessions: PersistentMap<string, SessionsOfTag>,
  tag: string,
  change: (before: SessionsOfTag) => SessionsOfTag,
): PersistentMap<string, SessionsOfTag> {
  return sessions.set(tag, change(sessions.get(tag) ?? NO_SESSIONS));
}

/** A tally sheet as the service keeps it loaded: its index, and its receipts with the hashes to read events back. */
export type LoadedSheet = LoadedStream<KeptSheet, SheetReceipts>;

/** A sheet with nothing on it. */
export function emptyKeptSheet(): KeptSheet {
  return {
    catalogues: [],
    closed: false,
    size: 0,
    revisions: { size: 0, tallies: createRevisionTable(), voids: createRevisionTable() },
    sessions: PersistentMap(),
  };
}

function writable(state: KeptSheet): TallyRevisions {
  const { revisions, size } = state;
  if (revisions.size === size) return revisions;
  return { size, tallies: revisions.tallies.copyBelow(size), voids: revisions.voids.copyBelow(size) };
}

/** Folds one event of the sheet (a sealed-away event only takes its revision). */
export function evolveKeptSheet(state: KeptSheet, event: SheetDetailEvent | CatalogueAdopted): KeptSheet {
  const revision = state.size;
  const size = revision + 1;
  let { catalogues, closed, sessions } = state;
  // Every event of a branch (an older state evolved again) copies what it sees first, not only a
  // tally or a void: a series end folded on the shared tables would take them over, with the
  // abandoned branch's entries in them (attack 23).
  const revisions = writable(state);
  switch (event.type) {
    case 'SeriesEnded':
    case 'SeriesEndMarked': {
      const tag = event.data.series;
      if (tag !== undefined) sessions = withSession(sessions, tag, (before) => ({ ...before, ended: true }));
      break;
    }
    case 'CatalogueAdopted':
      catalogues = [...catalogues, event.data.catalogue];
      break;
    case 'SheetClosed':
      closed = true;
      break;
    case 'ContactTallied':
    case 'GroupMeetingTallied':
    case 'VisitorsTallied':
    case 'TallyVoided':
      (event.type === 'TallyVoided' ? revisions.voids : revisions.tallies).add(event.data.tallyId, revision);
      if (event.type === 'ContactTallied' && event.data.session !== undefined) {
        const { series, on } = event.data.session;
        sessions = withSession(sessions, series, (before) => ({
          ...before,
          sessions: before.sessions + 1,
          lastOn: before.lastOn === undefined || on > before.lastOn ? on : before.lastOn,
        }));
      }
      break;
    default:
  }
  // The newest state on these tables is now this one (an older state evolved again copies them).
  if (revisions.size === revision) revisions.size = size;
  return { catalogues, closed, size, revisions, sessions };
}

/** Revisions that may hold the tally `tallyId`, and those that may hold a void of it (confirm each by reading). */
export function tallyCandidates(
  state: KeptSheet,
  tallyId: string,
): { readonly tallies: number[]; readonly voids: number[] } {
  return {
    tallies: state.revisions.tallies.candidates(tallyId, state.size),
    voids: state.revisions.voids.candidates(tallyId, state.size),
  };
}
