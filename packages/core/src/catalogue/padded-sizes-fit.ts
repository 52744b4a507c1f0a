import type { z } from 'zod';
import { type EventMeta, encodeInner } from '../envelope/inner-record.js';
import { PADDED_SIZES } from '../envelope/padding-policy.js';
import type { JsonValue } from '../json.js';
import { MAX_NOTE_LENGTH } from '../series/series-commands.js';
import type { PrivateStreamKind } from '../streams.js';
import { VOID_REASONS } from '../tally/void-reasons.js';
import type { CodeList } from './code-list.js';
import { NOT_APPLICABLE } from './code-list.js';
import type { Dimension } from './dimension.js';
import { dimensionValues } from './dimension-values.js';
import type { InterventionPolicy } from './intervention-policy.js';

interface CatalogueParts {
  readonly id: string;
  readonly version: string;
  readonly codeLists: Readonly<Record<string, CodeList>>;
  readonly dimensions: readonly Dimension[];
  readonly interventions: readonly InterventionPolicy[];
}

/** The largest event of some padded size a private stream of one intervention can hold, and that size. */
export interface LargestEvent {
  readonly interventionIndex: number;
  readonly kind: PrivateStreamKind;
  readonly type: string;
  /** Bytes of its encoded plaintext (before padding). */
  readonly bytes: number;
  /** The padded size it must fit (one byte of it is the padding marker). */
  readonly paddedSize: number;
}

const UUID = '00000000-0000-4000-8000-000000000000';
/** A keyed name's length (see `keyedName`). */
const TAG = '0'.repeat(32);
const SHEET_STREAM = `tally-0000-00-${'0'.repeat(32)}`;
const PERIOD = '0000-00';
const DATE = '0000-00-00';
/** The largest head count a group meeting or open activity may give (as its command's schema). */
const LARGEST_HEAD_COUNT = 10_000;
/** A digest as the command service writes it (128 bits, base64url). */
const DIGEST = 'x'.repeat(22);

/** What the service writes beside a command's events: its ids, the catalogue version, its digest. */
const commandMeta = (catalogueVersion: string): EventMeta => ({
  commandId: UUID,
  correlationId: UUID,
  causationId: UUID,
  catalogueVersion,
  digest: DIGEST,
});
/** What the service writes beside an event of its own (a series' end, a sheet's close, a registration). */
const serviceMeta = (commandId: string): EventMeta => ({ commandId });

const jsonBytes = (value: JsonValue): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

function longest<T extends JsonValue>(values: readonly T[], fallback: T): T {
  let best = fallback;
  for (const value of values) if (jsonBytes(value) > jsonBytes(best)) best = value;
  return best;
}

/**
 * The stored mark of a dimension that takes the most bytes: its longest value (and
 * `not-applicable` where the policy marks it as one of alternatives); for a list of ages, a
 * full list of the longest entry.
 */
function longestMark(dimension: Dimension, policy: InterventionPolicy, parts: CatalogueParts): JsonValue {
  const values = [...dimensionValues(dimension, parts as never)];
  if (dimension.kind === 'age-list') {
    const entry = longest(values, '');
    return Array.from({ length: dimension.maxEntries }, () => entry);
  }
  if ((policy.tally.contact?.oneOf ?? []).some((group) => group.includes(dimension.id)))
    values.push(NOT_APPLICABLE);
  return longest(values, '');
}

interface SizedEvent {
  readonly type: string;
  readonly data: JsonValue;
  readonly meta: EventMeta;
  /** The padded size it must fit, when not its stream kind's largest: a series' events but notes share the smallest. */
  readonly fits?: number;
}

/**
 * Every event an intervention's private streams can hold, each at its largest: the longest
 * unit, every dimension at its longest stored value, every head count at its largest, a void
 * carrying the largest tally, the meta the service writes with both optional ids. An upper
 * bound: no real event is larger (a test holds them against the real service).
 */
function largestEventsOf(
  policy: InterventionPolicy,
  parts: CatalogueParts,
): Record<PrivateStreamKind, readonly SizedEvent[]> {
  const dimensions = new Map(parts.dimensions.map((dimension) => [dimension.id, dimension]));
  const coordinates = {
    interventionId: policy.id,
    unitId: longest(policy.responsibleUnits, ''),
    period: PERIOD,
  };
  const base = { ...coordinates, tallyId: UUID, catalogueVersion: parts.version };
  const headCounts = Object.fromEntries(
    (parts.codeLists.gender?.codes ?? []).map((entry) => [entry.code, LARGEST_HEAD_COUNT]),
  );
  const tallies: { type: string; data: JsonValue }[] = [];
  const sessions: { type: string; data: JsonValue }[] = [];
  const { contact, groupMeeting, visitors } = policy.tally;
  if (contact !== undefined) {
    const marks: Record<string, JsonValue> = {};
    for (const id of contact.dimensions) {
      const dimension = dimensions.get(id);
      if (dimension !== undefined) marks[id] = longestMark(dimension, policy, parts);
    }
    tallies.push({ type: 'ContactTallied', data: { ...base, marks } });
    // A session's tally also names its series' tag for the month and the session's date (a void's copy does not).
    if (policy.series !== undefined)
      sessions.push({
        type: 'ContactTallied',
        data: { ...base, marks, session: { series: TAG, on: '2000-01-01' } },
      });
  }
  if (groupMeeting !== undefined) {
    const participants = Object.fromEntries(groupMeeting.participants.map((group) => [group, headCounts]));
    tallies.push({ type: 'GroupMeetingTallied', data: { ...base, participants } });
  }
  if (visitors !== undefined)
    tallies.push({ type: 'VisitorsTallied', data: { ...base, visitors: headCounts } });
  const reason = longest(Object.keys(VOID_REASONS), '');
  const meta = commandMeta(parts.version);
  return {
    tally: [
      ...[...tallies, ...sessions].map((tally) => ({ ...tally, meta })),
      ...tallies.map((voided) => ({
        type: 'TallyVoided',
        data: { ...base, reason, voided: voided as unknown as JsonValue },
        meta,
      })),
      {
        type: 'SeriesEnded',
        data: { ...coordinates, contacts: Number.MAX_SAFE_INTEGER, series: TAG },
        meta: serviceMeta(`ended\u0000${'0'.repeat(32)}`),
      },
      {
        type: 'SeriesEndMarked',
        data: { ...coordinates, series: TAG },
        meta: serviceMeta(`ended\u0000${'0'.repeat(32)}`),
      },
      { type: 'SheetClosed', data: coordinates, meta: serviceMeta(`close\u0000${SHEET_STREAM}`) },
    ],
    registry: [
      {
        type: 'SheetRegistered',
        data: { ...coordinates, stream: SHEET_STREAM },
        meta: serviceMeta(`register\u0000${SHEET_STREAM}`),
      },
    ],
    series: [
      ...(policy.series === undefined
        ? []
        : [
            {
              type: 'SeriesOpened',
              data: { interventionId: policy.id, unitId: coordinates.unitId, openedOn: DATE },
              meta,
              fits: PADDED_SIZES.series[0],
            },
          ]),
      ...(policy.documentation.kind === 'aggregate-with-working-notes'
        ? [
            {
              // The longest note stored (MAX_NOTE_LENGTH after normalisation), every character a six-byte escape.
              type: 'NoteWritten',
              data: { text: '\u0001'.repeat(MAX_NOTE_LENGTH), writtenOn: DATE },
              meta,
            },
          ]
        : []),
    ],
  };
}

/** Each intervention's largest event of each private stream kind it writes to. */
export function largestEvents(parts: CatalogueParts): LargestEvent[] {
  const found: LargestEvent[] = [];
  parts.interventions.forEach((policy, interventionIndex) => {
    const byKind = largestEventsOf(policy, parts);
    for (const kind of ['tally', 'registry', 'series'] as const) {
      // The largest event of each padded size the kind's events must fit.
      const largest = new Map<number, LargestEvent>();
      for (const event of byKind[kind]) {
        // The named form: never shorter than the positional form a tally's detail is sealed in.
        const bytes = encodeInner(event).length;
        const paddedSize = event.fits ?? Math.max(...PADDED_SIZES[kind]);
        if (bytes > (largest.get(paddedSize)?.bytes ?? -1))
          largest.set(paddedSize, { interventionIndex, kind, type: event.type, bytes, paddedSize });
      }
      found.push(...largest.values());
    }
  });
  return found;
}

/**
 * Refuses a catalogue some of whose events would not fit their stream's padded size: sealing
 * such an event would fail (a tally answered by an exception instead of a receipt), and a
 * larger size for some events would tell them apart.
 */
export function checkPaddedSizes(parts: CatalogueParts, ctx: z.RefinementCtx): void {
  for (const largest of largestEvents(parts)) {
    if (largest.bytes < largest.paddedSize) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['interventions', largest.interventionIndex, largest.kind === 'tally' ? 'tally' : 'id'],
      message: `a ${largest.type} event of this intervention can take ${largest.bytes} bytes, but at most ${largest.paddedSize - 1} fit the padded size of its ${largest.kind} stream: shorten its id, its units' ids or its dimensions' ids and codes, or tally fewer dimensions`,
    });
  }
}
