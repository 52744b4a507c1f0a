import * as E from 'fp-ts/lib/Either.js';
import { isPaddedSizeExceeded } from '../envelope/padding.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { fastRecordSession } from '../series/fast-record-session.js';
import { type RecordSession, RecordSessionSchema } from '../series/series-commands.js';
import type { SeriesState } from '../series/series-state.js';
import { sessionTag } from '../series/session-tag.js';
import type { TallyCommand } from '../tally/commands.js';
import type { SheetDetailEvent } from '../tally/events.js';
import { fastTallyContact } from '../tally/fast-tally-contact.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { periodOf, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { emptyTallyIndex } from '../tally/tally-sheet-state.js';
import { sleep } from './backoff.js';
import { commandDigest } from './command-digest.js';
import { evolveKeptSheet } from './kept-sheet.js';
import type { LoadedStream } from './loaded-stream.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import type { SessionCounter } from './series-sessions.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';
import type { SheetOpener } from './sheet-opener.js';
import { previousOutcome } from './stream-writer.js';
import type { TallyRecorder } from './tally-recorder.js';

/** Runs a write; an event that does not fit its padded size (an old catalogue's) is answered, not thrown: nothing is appended then. */
async function appendOrTooLarge<Written>(
  write: () => Promise<Written>,
): Promise<Written | { readonly kind: 'too-large' }> {
  try {
    return await write();
  } catch (error) {
    if (isPaddedSizeExceeded(error)) return { kind: 'too-large' };
    throw error;
  }
}

/**
 * Records one contact of a series: every check first (the tally's, the date's, the period's,
 * the series' limit), then its tally, carrying the series' tag for the month, in one append to
 * the month's detail stream — nothing on the series stream, so no copy of the store counts a
 * series' sessions. The expected revision of the month's stream orders it against every other
 * session and closing on that month; a refused command writes nothing.
 */
export function createSessionRecorder(
  context: ServiceContext,
  series: SeriesStore,
  recorder: TallyRecorder,
  openSheet: SheetOpener,
  countSessions: SessionCounter,
  maxConflictRetries: number,
) {
  const recordSession = async (input: RecordSession): Promise<E.Either<Refusal, TallyReceipt>> => {
    const parsed = series.parseWithToken(
      RecordSessionSchema,
      input,
      await context.vocabulary(),
      fastRecordSession,
    );
    if (E.isLeft(parsed)) return parsed;
    const { stream, token: _token, ...content } = parsed.right;
    const { commandId, date, marks, correlationId, causationId } = content;
    // The digest names the series by its stream: the same token typed another way is the same command.
    const sessionDigest = commandDigest({ ...content, series: stream });
    const opened = await series.openable(stream);
    if (E.isLeft(opened)) return opened;
    const { interventionId, unitId } = opened.right.loaded.state;
    const tallyInput = {
      type: 'TallyContact',
      commandId,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(causationId === undefined ? {} : { causationId }),
      interventionId,
      unitId,
      date,
      marks,
    };
    /** The answer a series already gave this command, if it did: counted already, the tally is finished too, should a store without atomic batches have stopped in between. */
    const answeredBefore = async (
      loaded: LoadedStream<SeriesState>,
    ): Promise<E.Either<Refusal, TallyReceipt> | undefined> => {
      const found = previousOutcome(loaded.receipts, commandId, sessionDigest);
      const previous = found instanceof Promise ? await found : found;
      if (previous === undefined) return undefined;
      return E.isLeft(previous) ? previous : recorder.tally(tallyInput, { viaSeries: true });
    };
    const previous = await answeredBefore(opened.right.loaded);
    if (previous !== undefined) return previous;

    // The session's own fields passed the door (snapshot and guard) above, and the sheet's
    // coordinates come from the stored series: only the schema remains to check, fast path first.
    const fast = fastTallyContact(tallyInput);
    const command: E.Either<Refusal, TallyCommand> =
      fast !== undefined ? E.right(fast) : parseTallyCommand(tallyInput, await context.vocabulary());
    if (E.isLeft(command)) return command;
    if (date > todayOn(context.clock)) return E.left(refuse.dateInFuture(date));
    const decision = { ...command.right, viaSeries: true };
    const precheck = tallySheetDecider.decide(decision, {
      ...tallySheetDecider.initialState,
      catalogues: await context.catalogues(),
    });
    if (E.isLeft(precheck)) return precheck;
    const policy = await series.policyOf(opened.right.loaded.state);
    const max = policy?.series?.maxContacts;
    const limitReached = (contacts: number): Refusal | undefined =>
      max !== undefined && policy !== undefined && contacts >= max
        ? refuse.seriesLimitReached(
            { interventionId: policy.id, clause: `interventions/${policy.id}/series/maxContacts` },
            policy.name,
            max,
            policy.series?.source,
          )
        : undefined;

    const sheet = await openSheet(
      { interventionId: interventionId as string, unitId: unitId as string, period: periodOf(date) },
      true,
    );
    if (E.isLeft(sheet)) return sheet;
    const open = sheet.right;
    if (open === undefined) throw new Error('a sheet opened for writing has no stream');

    const tag = sessionTag(opened.right.key.naming, periodOf(date));
    // A session's tally names its series (by the month's tag): the same marks on another series,
    // or as a bare tally, are other commands under the same id.
    const tallyDigest = commandDigest({ ...command.right, session: tag });
    const key = opened.right.key;
    const reload = async () => (await series.load(stream)).loaded;

    return context.writer
      .retryUnavailable(async (): Promise<E.Either<Refusal, TallyReceipt>> => {
        for (let attempt = 0; attempt <= maxConflictRetries; attempt += 1) {
          if (attempt > 0) await sleep(Math.random() * Math.min(200, 2 ** attempt));
          // The first attempt uses the series as `openable` just read it; a retry reads it again.
          const reread = attempt === 0 ? opened.right : await series.load(stream);
          if (reread.key === undefined || reread.loaded.state.closing !== undefined)
            return E.left(refuse.seriesClosed());
          const again = await answeredBefore(reread.loaded);
          if (again !== undefined) return again;
          const loadedSheet = await recorder.loadSheet(open);
          const recorded = previousOutcome(loadedSheet.receipts, commandId, tallyDigest);
          const prior = recorded instanceof Promise ? await recorded : recorded;
          if (prior !== undefined)
            return E.map((receipt: Receipt) => ({ ...receipt, tallyId: commandId }))(prior);
          const { series: current, counted } = await countSessions(reread.loaded, key, reload, {
            period: periodOf(date),
            sheet: loadedSheet.state,
          });
          // Its end tallied (a closing got in first): no session after it.
          if (counted.ended || current.state.closing !== undefined) return E.left(refuse.seriesClosed());
          const overLimit = limitReached(counted.contacts);
          if (overLimit !== undefined) return E.left(overLimit);
          // A session's contact is a recording: it never looks at the sheet's tallies.
          const decided = tallySheetDecider.decide(decision, {
            catalogues: loadedSheet.state.catalogues,
            closed: loadedSheet.state.closed,
            tallies: emptyTallyIndex,
          });
          if (E.isLeft(decided)) return decided;
          const events = (decided.right as readonly SheetDetailEvent[]).map((event) =>
            event.type === 'ContactTallied'
              ? { ...event, data: { ...event.data, session: { series: tag, on: date } } }
              : event,
          );
          const written = await appendOrTooLarge(() =>
            context.writer.append(
              loadedSheet,
              recorder.sheetPlan(open, commandId, events, {
                digest: tallyDigest,
                ...(correlationId === undefined ? {} : { correlationId }),
                ...(causationId === undefined ? {} : { causationId }),
                ...(events[0] !== undefined && 'catalogueVersion' in events[0].data
                  ? { catalogueVersion: events[0].data.catalogueVersion }
                  : {}),
              }),
              evolveKeptSheet,
            ),
          );
          if (written.kind === 'too-large') return E.left(refuse.eventTooLarge());
          if (written.kind === 'deleted')
            return E.left(refuse.sheetSealed({ interventionId, clause: 'sealing/sheet' }, periodOf(date)));
          if (written.kind === 'appended') {
            recorder.remember(written.loaded);
            // Not only the newest receipts: while this append was answered, the same process may
            // have landed more commands on the sheet than `recent` keeps (attack 23).
            const receipt = await written.loaded.receipts.find(commandId);
            if (receipt === undefined) throw new Error('an appended tally left no receipt');
            const { digest: _digest, ...plain } = receipt;
            return E.right({ ...plain, tallyId: commandId });
          }
        }
        return E.left(refuse.concurrencyConflict(open.stream));
      })
      .then(E.flatten);
  };
  return { recordSession };
}
