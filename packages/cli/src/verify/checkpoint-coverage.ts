import {
  decodeInner,
  LOG_KEYS_STREAM,
  type LogCheckpoint,
  type LogVerification,
  type RecordedEvent,
  readHeader,
  SERIES_INDEX_STREAM,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';
import type { LogRuleFinding } from './integrity-finding.js';

/** Watches a log for what only a checkpoint can vouch for; `finish` says what no checkpoint does. */
export interface CheckpointCoverage {
  observe(event: RecordedEvent): void;
  finish(verification: LogVerification): readonly LogRuleFinding[];
}

interface Closing {
  readonly series: string;
  readonly revision: number;
  readonly position: string;
}

/** The stream a clear `SeriesClosed` accounts for, if it names one. */
function closedSeries(event: RecordedEvent): string | undefined {
  if (readHeader(event.metadata)?.codec !== 'plain') return undefined;
  const data = decodeInner(event.data)?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const series = (data as { series?: unknown }).series;
  return typeof series === 'string' ? series : undefined;
}

/** What only a seal writes in a period stream (its tables, its record, amendments of what it sealed). */
const SEAL_EVENTS: ReadonlySet<string> = new Set(['SheetsSealed', 'PeriodSealed', 'SheetAmended']);
/** What a series closing writes in the series index. */
const CLOSING_EVENTS: ReadonlySet<string> = new Set(['SeriesClosing', 'SeriesClosed']);

/**
 * Whether an event shows the log wrote checkpoints: a signing key, anything only a seal writes
 * (every seal signs a checkpoint), or a series closing (`series expire` signs one, and a closing
 * deletes a stream only a checkpoint vouches for). Any one of them is enough, so stripping some
 * leaves the others to show it.
 */
function showsCheckpoints(event: RecordedEvent): boolean {
  if (event.stream === LOG_KEYS_STREAM) return true;
  if (event.stream.startsWith(STREAM_PREFIXES.period)) return SEAL_EVENTS.has(event.type);
  return event.stream === SERIES_INDEX_STREAM && CLOSING_EVENTS.has(event.type);
}

/**
 * Two rules core's verifier leaves to the reader of the whole log, as `LOG_SEAL_AFTER_CHECKPOINT`
 * is one it keeps. A log with a seal, a closing or a signing key wrote checkpoints (every seal writes one),
 * so one that carries none had it stripped: there would be nothing to hold an edit to. And a
 * closing deletes a stream on the word of one unsigned event: when a checkpoint signed that
 * stream and no checkpoint covers the closing, nothing vouches that the stream was ever closed
 * (its size, head and root are public), so it is a finding until a checkpoint signs the closing
 * (the next seal, or `pinnstatistik checkpoint`).
 */
export function createCheckpointCoverage(options: {
  /** Every checkpoint the log is held to: the auditor's and the one the log carries. */
  readonly checkpoints: readonly LogCheckpoint[];
  /** Whether the log carries a checkpoint of its own (an export's trailer, a store's latest). */
  readonly carries: boolean;
}): CheckpointCoverage {
  const closings: Closing[] = [];
  let signsItself: { stream: string; revision: number; position: string } | undefined;
  return {
    observe(event) {
      if (signsItself === undefined && showsCheckpoints(event))
        signsItself = { stream: event.stream, revision: event.revision, position: event.position };
      if (event.type === 'SeriesClosed' && event.stream === SERIES_INDEX_STREAM) {
        const series = closedSeries(event);
        if (series !== undefined)
          closings.push({ series, revision: event.revision, position: event.position });
      }
    },
    finish(verification) {
      const found: LogRuleFinding[] = [];
      if (!options.carries && signsItself !== undefined)
        found.push({
          code: 'LOG_CHECKPOINT_STRIPPED',
          ...signsItself,
          message: {
            sv: 'Loggen har förseglingar, stängda serier eller en signeringsnyckel, så kontrollpunkter har skrivits (varje försegling skriver en), men den bär ingen: den har tagits bort, och inget håller loggen mot det som signerades.',
            en: 'The log holds seals, series closings or a signing key, so checkpoints were written (every seal writes one), but it carries none: it was removed, and nothing holds the log to what was signed.',
          },
        });
      const latest = verification.latest?.checkpoint;
      if (latest === undefined) return found;
      const covered = latest.leaves.find((leaf) => leaf.stream === SERIES_INDEX_STREAM)?.size ?? 0;
      const signed = new Set(
        options.checkpoints.flatMap((checkpoint) => checkpoint.leaves.map((leaf) => leaf.stream)),
      );
      for (const closing of closings) {
        if (closing.revision < covered || !signed.has(closing.series)) continue;
        found.push({
          code: 'LOG_CLOSING_AFTER_CHECKPOINT',
          stream: SERIES_INDEX_STREAM,
          revision: closing.revision,
          position: closing.position,
          message: {
            sv: `Stängningen raderar ${closing.series}, som en kontrollpunkt signerade, men ingen kontrollpunkt täcker stängningen (den senaste är från ${latest.time}): inget intygar att serien stängdes och inte bara togs bort.`,
            en: `The closing deletes ${closing.series}, which a checkpoint signed, but no checkpoint covers the closing (the latest is of ${latest.time}): nothing vouches that the series was closed rather than removed.`,
          },
        });
      }
      return found;
    },
  };
}
