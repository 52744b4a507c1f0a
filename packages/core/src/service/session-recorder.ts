import * as E from 'fp-ts/lib/Either.js';
import { isPaddedSizeExceeded } from '../envelope/padding.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { fastRecordSession } from '../series/fast-record-session.js';
import { type RecordSession, RecordSessionSchema } from '../series/series-commands.js';
import type { SessionRecorded } from '../series/series-events.js';
import { evolveSeries, type SeriesState } from '../series/series-state.js';
import type { TallyCommand } from '../tally/commands.js';
import type { SheetDetailEvent } from '../tally/events.js';
import { fastTallyContact } from '../tally/fast-tally-contact.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { periodOf, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { emptyTallyIndex } from '../tally/tally-sheet-state.js';
import { sleep } from './backoff.js';
import { commandDigest } from './command-digest.js';
import { evolveKeptSheet, type LoadedSheet } from './kept-sheet.js';
import type { LoadedStream } from './loaded-stream.js';
import type { TallyReceipt } from './receipt.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';
import type { SheetOpener } from './sheet-opener.js';
import { type PlannedPart, previousOutcome } from './stream-writer.js';
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
 * the series' limit), then the session and its tally in one atomic write — a refused command
 * writes nothing, and a session is never counted without its tally.
 */
export function createSessionRecorder(
  context: ServiceContext,
  series: SeriesStore,
  recorder: TallyRecorder,
  openSheet: SheetOpener,
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
    const limitReached = (loaded: LoadedStream<{ readonly contacts: number }>): Refusal | undefined =>
      max !== undefined && policy !== undefined && loaded.state.contacts >= max
        ? refuse.seriesLimitReached(
            { interventionId: policy.id, clause: `interventions/${policy.id}/series/maxContacts` },
            policy.name,
            max,
            policy.series?.source,
          )
        : undefined;
    const reached = limitReached(opened.right.loaded);
    if (reached !== undefined) return E.left(reached);

    const sheet = await openSheet(
      { interventionId: interventionId as string, unitId: unitId as string, period: periodOf(date) },
      true,
    );
    if (E.isLeft(sheet)) return sheet;
    const open = sheet.right;
    if (open === undefined) throw new Error('a sheet opened for writing has no stream');
    const tallyDigest = commandDigest(command.right);
    const key = opened.right.key;

    return context.writer
      .retryUnavailable(async (): Promise<E.Either<Refusal, TallyReceipt>> => {
        for (let attempt = 0; attempt <= maxConflictRetries; attempt += 1) {
          if (attempt > 0) await sleep(Math.random() * Math.min(200, 2 ** attempt));
          // The first attempt writes on the series as `openable` just read it; the expected
          // revision catches anything appended since, and a retry reads it again.
          const current = attempt === 0 ? opened.right : await series.load(stream);
          if (current.key === undefined || current.loaded.state.closing !== undefined)
            return E.left(refuse.seriesClosed());
          const again = await answeredBefore(current.loaded);
          if (again !== undefined) return again;
          const overLimit = limitReached(current.loaded);
          if (overLimit !== undefined) return E.left(overLimit);
          const loadedSheet = await recorder.loadSheet(open);
          // The month's detail stream holds every sheet's commands: an id already used there (a
          // bare tally on another sheet, say) is another command, and the session must not be
          // counted by its series without a tally of its own.
          if ((await loadedSheet.receipts.find(commandId)) !== undefined) {
            // ...unless this very session was written there since the series was read (by another
            // process, say): the atomic batch put it on the series too, and a fresh read shows it.
            const byThisSession = await answeredBefore((await series.load(stream)).loaded);
            return byThisSession ?? E.left(refuse.commandIdReused());
          }
          // A session's contact is a recording: it never looks at the sheet's tallies.
          const decided = tallySheetDecider.decide(decision, {
            catalogues: loadedSheet.state.catalogues,
            closed: loadedSheet.state.closed,
            tallies: emptyTallyIndex,
          });
          if (E.isLeft(decided)) return decided;
          const events = decided.right as readonly SheetDetailEvent[];
          const session: SessionRecorded = { type: 'SessionRecorded', data: { date, tallyId: commandId } };
          const written = await appendOrTooLarge(() =>
            context.writer.appendAll([
              {
                loaded: current.loaded,
                plan: {
                  commandId,
                  digest: sessionDigest,
                  events: [session],
                  privacy: { key, kind: 'series' },
                },
                evolve: evolveSeries,
              } as PlannedPart<unknown, { type: string; data: unknown }>,
              {
                loaded: loadedSheet,
                plan: recorder.sheetPlan(open, commandId, events, {
                  digest: tallyDigest,
                  ...(correlationId === undefined ? {} : { correlationId }),
                  ...(causationId === undefined ? {} : { causationId }),
                  ...(events[0] !== undefined && 'catalogueVersion' in events[0].data
                    ? { catalogueVersion: events[0].data.catalogueVersion }
                    : {}),
                }),
                evolve: evolveKeptSheet,
              } as PlannedPart<unknown, { type: string; data: unknown }>,
            ]),
          );
          if (written.kind === 'too-large') return E.left(refuse.eventTooLarge());
          if (written.kind === 'deleted') {
            return E.left(
              written.stream === stream
                ? refuse.seriesClosed()
                : refuse.sheetSealed({ interventionId, clause: 'sealing/sheet' }, periodOf(date)),
            );
          }
          if (written.kind === 'appended') {
            series.remember(written.loaded[0] as LoadedStream<SeriesState>);
            recorder.remember(written.loaded[1] as LoadedSheet);
            const receipt = written.loaded[1]?.receipts.recent(commandId);
            if (receipt === undefined) throw new Error('an appended tally left no receipt');
            const { digest: _digest, ...plain } = receipt;
            return E.right({ ...plain, tallyId: commandId });
          }
        }
        return E.left(refuse.concurrencyConflict(stream));
      })
      .then(E.flatten);
  };
  return { recordSession };
}
