import * as E from 'fp-ts/lib/Either.js';
import { castDraft, Immer } from 'immer';
import type { Catalogue } from '../catalogue/catalogue.js';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import { requiresSeries } from '../catalogue/series-policy.js';
import type { Decider } from '../decider.js';
import type { Refusal, RuleReference } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { checkRecordingAllowed, type Recording } from './check-policy.js';
import type { TallyCommand, TallyContact, TallyGroupMeeting, TallyVisitors, VoidTally } from './commands.js';
import type { CatalogueAdopted, SheetDetailEvent, TallyEvent, VoidableTally } from './events.js';
import { minimiseHeadCounts, minimiseParticipants } from './minimise-head-counts.js';
import { minimiseMarks } from './minimise-marks.js';
import {
  emptyTallySheet,
  findTally,
  type TallySheetState,
  withTally,
  withVoided,
} from './tally-sheet-state.js';

type Decision = E.Either<Refusal, readonly TallyEvent[]>;

/**
 * A tally command ready for decision. `viaSeries` is set by the service (never by input) when
 * a contact is recorded through its series, where the series' limit has counted it.
 */
export type TallyDecision = TallyCommand & { readonly viaSeries?: boolean };

/** The period (month) of a date: tallies keep the month, never the day. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

function catalogueOn(state: TallySheetState, date: string) {
  const catalogue = catalogueInForceOn(state.catalogues, date);
  return catalogue === undefined
    ? E.left<Refusal>(
        refuse.noCatalogueInForce(
          {
            ...(state.catalogues[0] === undefined ? {} : { catalogueId: state.catalogues[0].id }),
            clause: 'catalogue/effectiveFrom',
          },
          date,
        ),
      )
    : E.right(catalogue);
}

/** What every recorded tally carries: where it belongs and the catalogue version it was checked against. */
interface TallyBase {
  readonly tallyId: string;
  readonly interventionId: string;
  readonly unitId: string;
  readonly period: string;
  readonly catalogueVersion: string;
}

/**
 * The checks every recording goes through, as early returns (the first refusal wins): a
 * catalogue in force on the date, an intervention that allows this kind of tally from this
 * unit, and the command's own values minimised; then the event.
 */
/** A tally as a void copies it: a session's tally without the series it names. */
function withoutSession(tally: VoidableTally): VoidableTally {
  if (tally.type !== 'ContactTallied' || tally.data.session === undefined) return tally;
  const { session: _session, ...data } = tally.data;
  return { ...tally, data };
}

/**
 * A tally's data: its base fields and what it counts, written out member by member. The sheet
 * keeps every tally, and `{ ...base, marks }` made each one ≈ 270 bytes larger (V8 gives a
 * spread-then-extended object a dictionary of its own).
 */
function withBase<Key extends string, Value>(
  base: TallyBase,
  key: Key,
  value: Value,
): TallyBase & { [K in Key]: Value } {
  const data = {
    tallyId: base.tallyId,
    interventionId: base.interventionId,
    unitId: base.unitId,
    period: base.period,
    catalogueVersion: base.catalogueVersion,
  } as TallyBase & Record<string, unknown>;
  data[key] = value;
  return data as TallyBase & { [K in Key]: Value };
}

function decideRecording<Minimised>(
  command: {
    readonly commandId: string;
    readonly interventionId: string;
    readonly unitId: string;
    readonly date: string;
  },
  state: TallySheetState,
  recording: Recording,
  minimise: (
    allowed: { policy: InterventionPolicy; rule: RuleReference },
    catalogue: Catalogue,
  ) => E.Either<Refusal, Minimised>,
  event: (base: TallyBase, minimised: Minimised) => TallyEvent,
): Decision {
  const catalogue = catalogueOn(state, command.date);
  if (E.isLeft(catalogue)) return catalogue;
  const allowed = checkRecordingAllowed(catalogue.right, command.interventionId, command.unitId, recording);
  if (E.isLeft(allowed)) return allowed;
  const minimised = minimise(allowed.right, catalogue.right);
  if (E.isLeft(minimised)) return minimised;
  const base = {
    tallyId: command.commandId,
    interventionId: command.interventionId,
    unitId: command.unitId,
    period: periodOf(command.date),
    catalogueVersion: catalogue.right.version,
  };
  return E.right([event(base, minimised.right)]);
}

function decideContact(
  command: TallyContact & { readonly viaSeries?: boolean },
  state: TallySheetState,
): Decision {
  return decideRecording(
    command,
    state,
    'contact',
    ({ policy, rule }, catalogue) => {
      const marks = minimiseMarks(command.marks, policy, catalogue, rule);
      // Last, so a contact with a mistake hears about the mistake first.
      return E.isRight(marks) && command.viaSeries !== true && requiresSeries(policy)
        ? E.left(
            refuse.seriesRequired(
              { ...rule, clause: `interventions/${policy.id}/series` },
              policy.name,
              policy.id,
            ),
          )
        : marks;
    },
    (base, marks) => ({ type: 'ContactTallied', data: withBase(base, 'marks', marks) }),
  );
}

function decideGroupMeeting(command: TallyGroupMeeting, state: TallySheetState): Decision {
  return decideRecording(
    command,
    state,
    'group-meeting',
    ({ policy, rule }, catalogue) => minimiseParticipants(command.participants, policy, catalogue, rule),
    (base, participants) => ({
      type: 'GroupMeetingTallied',
      data: withBase(base, 'participants', participants),
    }),
  );
}

function decideVisitors(command: TallyVisitors, state: TallySheetState): Decision {
  return decideRecording(
    command,
    state,
    'visitors',
    ({ rule }, catalogue) => minimiseHeadCounts(command.visitors, catalogue, rule),
    (base, visitors) => ({ type: 'VisitorsTallied', data: withBase(base, 'visitors', visitors) }),
  );
}

function decideVoid(command: VoidTally, state: TallySheetState): Decision {
  const rule = { interventionId: command.interventionId, clause: 'sheet/tallies' };
  const entry = findTally(state.tallies, command.tallyId);
  // A month's sheets share one detail stream: a tally of another intervention or unit is not on this sheet.
  if (
    entry === undefined ||
    entry.tally.data.interventionId !== command.interventionId ||
    entry.tally.data.unitId !== command.unitId
  )
    return E.left(refuse.tallyNotFound(rule, command.tallyId));
  if (entry.voided) return E.left(refuse.tallyAlreadyVoided(rule, command.tallyId));
  return E.right([
    {
      type: 'TallyVoided',
      data: {
        tallyId: command.tallyId,
        interventionId: command.interventionId,
        unitId: command.unitId,
        period: command.period,
        catalogueVersion: entry.tally.data.catalogueVersion,
        reason: command.reason,
        // Without the session's series: a void names no series, and its copy keeps the tally's size class.
        voided: withoutSession(entry.tally),
      },
    },
  ]);
}

function decide(command: TallyDecision, state: TallySheetState): Decision {
  if (state.closed) {
    const period = command.type === 'VoidTally' ? command.period : periodOf(command.date);
    return E.left(
      refuse.sheetSealed({ interventionId: command.interventionId, clause: 'sealing/sheet' }, period),
    );
  }
  switch (command.type) {
    case 'TallyContact':
      return decideContact(command, state);
    case 'TallyGroupMeeting':
      return decideGroupMeeting(command, state);
    case 'TallyVisitors':
      return decideVisitors(command, state);
    case 'VoidTally':
      return decideVoid(command, state);
  }
}

// The sheet state is owned by the command service and never handed out to be mutated, so
// deep-freezing it on every event buys nothing. Immer keeps the small state's updates plain;
// the tallies live in a persistent index (adding one is O(1) however many the sheet holds).
const { produce } = new Immer({ autoFreeze: false });

function evolve(state: TallySheetState, event: SheetDetailEvent | CatalogueAdopted): TallySheetState {
  if (event.type === 'SeriesEnded' || event.type === 'SeriesEndMarked') return state;
  return produce(state, (draft) => {
    switch (event.type) {
      case 'CatalogueAdopted':
        draft.catalogues.push(castDraft(event.data.catalogue));
        return;
      case 'SheetClosed':
        draft.closed = true;
        return;
      case 'TallyVoided':
        draft.tallies = castDraft(withVoided(state.tallies, event.data.tallyId));
        return;
      default:
        draft.tallies = castDraft(withTally(state.tallies, event));
    }
  });
}

/** The tally sheet: decides tallies and voids against the catalogue in force on their date. */
export const tallySheetDecider: Decider<
  TallyDecision,
  TallyEvent,
  TallySheetState,
  SheetDetailEvent | CatalogueAdopted
> = {
  initialState: emptyTallySheet,
  decide,
  evolve,
};
