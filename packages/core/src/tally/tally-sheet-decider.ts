import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { Immer } from 'immer';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import type { Decider } from '../decider.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { checkRecordingAllowed } from './check-policy.js';
import type { TallyCommand, TallyContact, TallyGroupMeeting, TallyVisitors, VoidTally } from './commands.js';
import type { CatalogueAdopted, SheetDetailEvent, TallyEvent } from './events.js';
import { minimiseHeadCounts, minimiseParticipants } from './minimise-head-counts.js';
import { minimiseMarks } from './minimise-marks.js';
import { emptyTallySheet, findTally, type TallySheetState, tallyBucket } from './tally-sheet-state.js';

type Decision = E.Either<Refusal, readonly TallyEvent[]>;

// The sheet state is owned by the command service and never handed out to be mutated, so
// deep-freezing every tally it holds (a third of the command path's time) buys nothing.
const { produce } = new Immer({ autoFreeze: false });

/** A tally command ready for decision: the service adds the contact's random record key (from the `Random` port). */
export type TallyDecision = TallyCommand & { readonly recordKey: number };

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

function decideContact(
  command: TallyContact & { readonly recordKey: number },
  state: TallySheetState,
): Decision {
  return pipe(
    catalogueOn(state, command.date),
    E.bindTo('catalogue'),
    E.bind('allowed', ({ catalogue }) =>
      checkRecordingAllowed(catalogue, command.interventionId, command.unitId, 'contact'),
    ),
    E.bind('marks', ({ catalogue, allowed }) =>
      minimiseMarks(command.marks, allowed.policy, catalogue, allowed.rule),
    ),
    E.map(({ catalogue, marks }): readonly TallyEvent[] => [
      {
        type: 'ContactTallied',
        data: {
          tallyId: command.commandId,
          interventionId: command.interventionId,
          unitId: command.unitId,
          period: periodOf(command.date),
          catalogueVersion: catalogue.version,
          marks,
          recordKey: command.recordKey,
        },
      },
    ]),
  );
}

function decideGroupMeeting(command: TallyGroupMeeting, state: TallySheetState): Decision {
  return pipe(
    catalogueOn(state, command.date),
    E.bindTo('catalogue'),
    E.bind('allowed', ({ catalogue }) =>
      checkRecordingAllowed(catalogue, command.interventionId, command.unitId, 'group-meeting'),
    ),
    E.bind('participants', ({ catalogue, allowed }) =>
      minimiseParticipants(command.participants, allowed.policy, catalogue, allowed.rule),
    ),
    E.map(({ catalogue, participants }): readonly TallyEvent[] => [
      {
        type: 'GroupMeetingTallied',
        data: {
          tallyId: command.commandId,
          interventionId: command.interventionId,
          unitId: command.unitId,
          period: periodOf(command.date),
          catalogueVersion: catalogue.version,
          participants,
        },
      },
    ]),
  );
}

function decideVisitors(command: TallyVisitors, state: TallySheetState): Decision {
  return pipe(
    catalogueOn(state, command.date),
    E.bindTo('catalogue'),
    E.bind('allowed', ({ catalogue }) =>
      checkRecordingAllowed(catalogue, command.interventionId, command.unitId, 'visitors'),
    ),
    E.bind('visitors', ({ catalogue, allowed }) =>
      minimiseHeadCounts(command.visitors, catalogue, allowed.rule),
    ),
    E.map(({ catalogue, visitors }): readonly TallyEvent[] => [
      {
        type: 'VisitorsTallied',
        data: {
          tallyId: command.commandId,
          interventionId: command.interventionId,
          unitId: command.unitId,
          period: periodOf(command.date),
          catalogueVersion: catalogue.version,
          visitors,
        },
      },
    ]),
  );
}

function decideVoid(command: VoidTally, state: TallySheetState): Decision {
  const rule = { interventionId: command.interventionId, clause: 'sheet/tallies' };
  const entry = findTally(state.tallies, command.tallyId);
  if (entry === undefined) return E.left(refuse.tallyNotFound(rule, command.tallyId));
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
        voided: entry.tally,
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

function evolve(state: TallySheetState, event: SheetDetailEvent | CatalogueAdopted): TallySheetState {
  if (event.type === 'SeriesEnded') return state;
  return produce(state, (draft) => {
    switch (event.type) {
      case 'CatalogueAdopted':
        draft.catalogues.push(event.data.catalogue);
        return;
      case 'SheetClosed':
        draft.closed = true;
        return;
      case 'TallyVoided': {
        const tally = draft.tallies[tallyBucket(event.data.tallyId)]?.[event.data.tallyId];
        if (tally !== undefined) tally.voided = true;
        return;
      }
      default: {
        const bucket = (draft.tallies[tallyBucket(event.data.tallyId)] ??= {});
        bucket[event.data.tallyId] = { tally: event, voided: false };
      }
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
