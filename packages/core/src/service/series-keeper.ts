import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import { plainCodec } from '../envelope/event-codec.js';
import { deriveEventId } from '../envelope/event-id.js';
import { todayOn } from '../ports/clock.js';
import { scanForPersonalData } from '../privacy/personal-data-guard.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetAmended } from '../sealing/period-events.js';
import { evolvePeriod } from '../sealing/period-state.js';
import {
  CloseSeriesSchema,
  OpenSeriesSchema,
  RecordSessionSchema,
  WriteNoteSchema,
} from '../series/series-commands.js';
import type { NotesDestroyedReason, SeriesEvent, SeriesIndexed } from '../series/series-events.js';
import { emptySeries, evolveSeries, type SeriesState } from '../series/series-state.js';
import { newSeriesToken, normaliseSeriesToken } from '../series/series-token.js';
import { SERIES_INDEX_STREAM } from '../streams.js';
import { checkRecordingAllowed } from '../tally/check-policy.js';
import type { SeriesEnded } from '../tally/events.js';
import { parseInput, parseTallyCommand } from '../tally/parse-tally-command.js';
import { emptySheetTables } from '../tally/sheet-tables.js';
import { periodOf, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { decodeClearOnly, type OpenKey } from './key-ring.js';
import { catchUp, decodePlain, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { PeriodLoader } from './period-loader.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import type { ServiceContext } from './service-context.js';
import type { TallyRecorder } from './tally-recorder.js';

/** An opened series: the token to write down, and what it is for. */
export interface OpenedSeries {
  readonly token: string;
  readonly interventionId: string;
  readonly unitId: string;
  readonly maxContacts?: number;
}

/** A working note as read back. */
export interface WorkingNote {
  readonly text: string;
  readonly writtenOn: string;
}

/** What closing a series did. */
export interface SeriesClosing {
  readonly contacts: number;
  readonly notesDestroyed: number;
  readonly reason: NotesDestroyedReason;
}

const plain = { codec: plainCodec };

/** The stream (and key id) of a series: a hash of its token, which is itself never stored. */
export function seriesStreamOf(canonicalToken: string): string {
  return `series-${createHash('sha256').update(`pinnstatistik/series\u0000${canonicalToken}`).digest('hex').slice(0, 32)}`;
}

/** Checks an input without its token (whose random letters are not personal data), then parses it. */
function parseWithToken<T extends { token: string }>(
  schema: Parameters<typeof parseInput>[0],
  input: unknown,
): E.Either<Refusal, T & { stream: string }> {
  const { token, ...rest } = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const finding = scanForPersonalData(rest);
  if (finding !== undefined) return E.left(refuse.personalDataDetected(finding.path, finding.kind));
  const parsed = schema.safeParse(input);
  if (!parsed.success) return parseInput(schema, input) as E.Either<Refusal, never>;
  const canonical = typeof token === 'string' ? normaliseSeriesToken(token) : undefined;
  if (canonical === undefined) return E.left(refuse.invalidSeriesToken());
  return E.right({ ...(parsed.data as T), stream: seriesStreamOf(canonical) });
}

/** Series of connected contacts with one anonymous person, their limits, and the working-notes vault. */
export function createSeriesKeeper(
  context: ServiceContext,
  recorder: TallyRecorder,
  periods: PeriodLoader,
  retentionDays: number,
) {
  const { writer, keyRing, store } = context;

  const load = async (
    stream: string,
  ): Promise<{ loaded: LoadedStream<SeriesState>; key: OpenKey | undefined }> => {
    const key = await keyRing.existing(stream);
    const loaded = await catchUp(
      store,
      emptyStream(stream, emptySeries),
      key?.decode ?? decodeClearOnly,
      evolveSeries,
    );
    return { loaded, key };
  };

  /** The open series behind a stream, or why it cannot be used. */
  const openable = async (
    stream: string,
  ): Promise<E.Either<Refusal, { loaded: LoadedStream<SeriesState>; key: OpenKey }>> => {
    const { loaded, key } = await load(stream);
    if (loaded.link === undefined) return E.left(refuse.unknownSeries());
    if (loaded.state.closed || key === undefined) return E.left(refuse.seriesClosed());
    return E.right({ loaded, key });
  };

  const policyOf = async (state: SeriesState): Promise<InterventionPolicy | undefined> => {
    const catalogue = catalogueInForceOn(await context.catalogues(), todayOn(context.clock));
    return catalogue?.interventions.find((policy) => policy.id === state.interventionId);
  };

  const openSeries = async (input: unknown): Promise<E.Either<Refusal, OpenedSeries>> => {
    const parsed = parseInput(OpenSeriesSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const { interventionId, unitId } = parsed.right;
    const today = todayOn(context.clock);
    const catalogue = catalogueInForceOn(await context.catalogues(), today);
    if (catalogue === undefined)
      return E.left(refuse.noCatalogueInForce({ clause: 'catalogue/effectiveFrom' }, today));
    const allowed = checkRecordingAllowed(catalogue, interventionId, unitId, 'contact');
    if (E.isLeft(allowed)) return allowed;
    const { policy, rule } = allowed.right;
    if (policy.series === undefined) {
      return E.left(
        refuse.seriesNotOffered(
          { ...rule, clause: `interventions/${policy.id}/series` },
          policy.name,
          policy.id,
        ),
      );
    }
    const token = newSeriesToken(context.random);
    const stream = seriesStreamOf(normaliseSeriesToken(token) as string);
    // The index first: a crash before the series stream leaves an index entry expiry skips, never a series expiry cannot find.
    const indexed: SeriesIndexed = { type: 'SeriesIndexed', data: { series: stream } };
    const index = await writer.run({
      commandId: deriveEventId(stream, SERIES_INDEX_STREAM, 0),
      load: () => catchUp(store, emptyStream(SERIES_INDEX_STREAM, null), decodePlain, (state: null) => state),
      decide: () =>
        E.right({
          commandId: deriveEventId(stream, SERIES_INDEX_STREAM, 0),
          events: [indexed],
          storage: () => plain,
        }),
      evolve: (state: null) => state,
    });
    if (E.isLeft(index)) return index;
    const key = await keyRing.create(stream);
    const opened: SeriesEvent = { type: 'SeriesOpened', data: { interventionId, unitId, openedOn: today } };
    const appended = await writer.append(
      emptyStream(stream, emptySeries),
      { commandId: deriveEventId(stream, 'opened', 0), events: [opened], storage: () => key.storage },
      evolveSeries,
    );
    if (appended === undefined)
      throw new Error('a new series stream already existed: the random source is broken');
    return E.right({
      token,
      interventionId,
      unitId,
      ...(policy.series.maxContacts === undefined ? {} : { maxContacts: policy.series.maxContacts }),
    });
  };

  const recordSession = async (input: unknown): Promise<E.Either<Refusal, TallyReceipt>> => {
    const parsed = parseWithToken<{
      token: string;
      commandId: string;
      date: string;
      marks: Record<string, string | number>;
    }>(RecordSessionSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const { stream, commandId, date, marks } = parsed.right;
    const series = await openable(stream);
    if (E.isLeft(series)) return series;
    const { interventionId, unitId } = series.right.loaded.state;
    const tallyInput = { type: 'TallyContact', commandId, interventionId, unitId, date, marks };

    if (!series.right.loaded.receipts.has(commandId)) {
      // The tally must be acceptable before the series counts it.
      const command = parseTallyCommand(tallyInput);
      if (E.isLeft(command)) return command;
      const precheck = tallySheetDecider.decide(command.right, {
        ...tallySheetDecider.initialState,
        catalogues: await context.catalogues(),
      });
      if (E.isLeft(precheck)) return precheck;
      if ((await periods.load(periodOf(date))).state.sealed) {
        return E.left(
          refuse.sheetSealed(
            { interventionId: command.right.interventionId, clause: 'sealing/period' },
            periodOf(date),
          ),
        );
      }
      const policy = await policyOf(series.right.loaded.state);
      const max = policy?.series?.maxContacts;
      const key = series.right.key;
      const counted = await writer.run({
        commandId,
        load: async () => (await load(stream)).loaded,
        decide: (loaded) => {
          if (loaded.state.closed) return E.left(refuse.seriesClosed());
          if (max !== undefined && loaded.state.contacts >= max && policy !== undefined) {
            return E.left(
              refuse.seriesLimitReached(
                { interventionId: policy.id, clause: `interventions/${policy.id}/series/maxContacts` },
                policy.name,
                max,
                policy.series?.source,
              ),
            );
          }
          const session: SeriesEvent = { type: 'SessionRecorded', data: { date, tallyId: commandId } };
          return E.right({ commandId, events: [session], storage: () => key.storage });
        },
        evolve: evolveSeries,
      });
      if (E.isLeft(counted)) return counted;
    }
    return recorder.tally(tallyInput);
  };

  const writeNote = async (input: unknown): Promise<E.Either<Refusal, Receipt>> => {
    const parsed = parseWithToken<{ token: string; commandId: string; text: string }>(WriteNoteSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const { stream, commandId, text } = parsed.right;
    const series = await openable(stream);
    if (E.isLeft(series)) return series;
    const policy = await policyOf(series.right.loaded.state);
    if (policy === undefined)
      return E.left(
        refuse.unknownIntervention(
          { clause: 'interventions' },
          series.right.loaded.state.interventionId ?? '',
        ),
      );
    if (policy.documentation.kind !== 'aggregate-with-working-notes') {
      return E.left(
        refuse.workingNotesNotAllowed(
          { interventionId: policy.id, clause: `interventions/${policy.id}/documentation` },
          policy.name,
          policy.documentation.kind,
        ),
      );
    }
    const key = series.right.key;
    const note: SeriesEvent = { type: 'NoteWritten', data: { text, writtenOn: todayOn(context.clock) } };
    return writer.run({
      commandId,
      load: async () => (await load(stream)).loaded,
      decide: (loaded) =>
        loaded.state.closed
          ? E.left(refuse.seriesClosed())
          : E.right({ commandId, events: [note], storage: () => key.storage }),
      evolve: evolveSeries,
    });
  };

  const readNotes = async (input: unknown): Promise<E.Either<Refusal, readonly WorkingNote[]>> => {
    const token = (input as { token?: unknown } | null)?.token ?? input;
    const canonical = typeof token === 'string' ? normaliseSeriesToken(token) : undefined;
    if (canonical === undefined) return E.left(refuse.invalidSeriesToken());
    const series = await openable(seriesStreamOf(canonical));
    return E.map((opened: { loaded: LoadedStream<SeriesState> }) => opened.loaded.state.notes)(series);
  };

  /** Marks the series' end on the sheet of its last contact (or amends that sheet if it is sealed). */
  const markEnd = async (stream: string, state: SeriesState): Promise<void> => {
    if (
      state.contacts === 0 ||
      state.lastContactOn === undefined ||
      state.interventionId === undefined ||
      state.unitId === undefined
    ) {
      return;
    }
    const coordinates = {
      interventionId: state.interventionId,
      unitId: state.unitId,
      period: periodOf(state.lastContactOn),
    };
    const commandId = deriveEventId(stream, 'ended', 0);
    const ended: SeriesEnded = { type: 'SeriesEnded', data: { ...coordinates, contacts: state.contacts } };
    const marked = await recorder.writeSheet(coordinates, commandId, () => E.right([ended]));
    if (E.isRight(marked)) return;
    if (marked.left.code !== 'SHEET_SEALED')
      throw new Error(`could not mark the end of a series: ${marked.left.code}`);
    const catalogue = catalogueInForceOn(await context.catalogues(), state.lastContactOn);
    const delta = { ...emptySheetTables(), seriesLengths: { [String(state.contacts)]: 1 } };
    const amendment: SheetAmended = {
      type: 'SheetAmended',
      data: {
        ...coordinates,
        catalogueVersion: catalogue?.version ?? '',
        reason: 'series-ended-after-seal',
        delta,
      },
    };
    const amended = await writer.run({
      commandId,
      load: () => periods.load(coordinates.period),
      decide: () => E.right({ commandId, events: [amendment], storage: () => plain }),
      evolve: evolvePeriod,
    });
    if (E.isLeft(amended)) throw new Error(`could not amend a sealed sheet: ${amended.left.code}`);
  };

  /** Closes a series: its end marked, the destruction recorded (count and reason only), then the key destroyed. */
  const close = async (
    stream: string,
    reason: NotesDestroyedReason,
  ): Promise<E.Either<Refusal, SeriesClosing>> => {
    const { loaded, key } = await load(stream);
    if (loaded.link === undefined) return E.left(refuse.unknownSeries());
    if (loaded.state.closed) {
      await keyRing.destroy(stream); // finishes a close that stopped before the key went
      return E.right({ contacts: loaded.state.contacts, notesDestroyed: 0, reason });
    }
    if (key === undefined) throw new Error('the series key is gone but the series was never closed');
    await markEnd(stream, loaded.state);
    const count = loaded.state.notes.length;
    const destroyed: SeriesEvent = { type: 'WorkingNotesDestroyed', data: { count, reason } };
    const written = await writer.run({
      commandId: deriveEventId(stream, 'closed', 0),
      load: async () => (await load(stream)).loaded,
      decide: () =>
        E.right({ commandId: deriveEventId(stream, 'closed', 0), events: [destroyed], storage: () => plain }),
      evolve: evolveSeries,
    });
    if (E.isLeft(written)) return written;
    await keyRing.destroy(stream);
    return E.right({ contacts: loaded.state.contacts, notesDestroyed: count, reason });
  };

  const closeSeries = async (input: unknown): Promise<E.Either<Refusal, SeriesClosing>> => {
    const parsed = parseWithToken<{ token: string; reason: 'completed' | 'on-request' }>(
      CloseSeriesSchema,
      input,
    );
    if (E.isLeft(parsed)) return parsed;
    return close(parsed.right.stream, parsed.right.reason === 'completed' ? 'series-closed' : 'on-request');
  };

  /** Closes every series idle for longer than the retention, as of the clock's today. */
  const expireSeries = async (): Promise<{ readonly expired: number; readonly open: number }> => {
    const today = todayOn(context.clock);
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    let expired = 0;
    let open = 0;
    for await (const entry of store.readStream(SERIES_INDEX_STREAM)) {
      const stream = (entry.data as SeriesIndexed['data']).series;
      const { loaded } = await load(stream);
      if (loaded.link === undefined || loaded.state.closed) continue;
      if ((loaded.state.lastActivityOn ?? today) < cutoff) {
        const closed = await close(stream, 'retention-expired');
        if (E.isRight(closed)) expired += 1;
      } else {
        open += 1;
      }
    }
    return { expired, open };
  };

  return { openSeries, recordSession, writeNote, readNotes, closeSeries, expireSeries };
}
