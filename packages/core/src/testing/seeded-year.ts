import type { Catalogue } from '../catalogue/catalogue.js';
import { NOT_APPLICABLE, NOT_STATED } from '../catalogue/code-list.js';
import type { Dimension } from '../catalogue/dimension.js';
import { findDimension } from '../catalogue/dimension-values.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import { requiresSeries } from '../catalogue/series-policy.js';
import { seededRandom } from '../ports/random.js';
import type { TallyCommandInput } from '../tally/commands.js';
import { tallyingPolicies } from './arbitraries.js';

/** Options for a seeded year of tallies. */
export interface SeededYearOptions {
  readonly catalogue: Catalogue;
  readonly year: number;
  /** mulberry32 seed; the same seed gives the same year. */
  readonly seed?: number;
  /** Scales every volume (1 = a small municipality's ordinary year). */
  readonly volume?: number;
}

/** A tally of one contact, as a caller sends it. */
export type ContactInput = Extract<TallyCommandInput, { type: 'TallyContact' }>;

/**
 * One series of a seeded year: the contacts with one (anonymous) person or family, for an
 * intervention whose every contact belongs to a series (råd och stöd, home visits). Each
 * contact's date and marks are what `recordSession` takes; its `commandId` is the session's.
 */
export interface SeededSeries {
  readonly interventionId: string;
  readonly unitId: string;
  /** The series' contacts in date order: one to the policy's limit. */
  readonly contacts: readonly ContactInput[];
}

/** A seeded year split by how it is recorded. */
export interface SeededYearParts {
  /** Tallies recorded on their own (every intervention that does not require a series), in date order. */
  readonly tallies: readonly TallyCommandInput[];
  /** The contacts of interventions that require a series, grouped by series, in order of their first contact. */
  readonly series: readonly SeededSeries[];
}

type Rng = { next(): number };
type Mark = string | number | number[];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number =>
  min + Math.floor(rng.next() * (max - min + 1));
const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, value));

/** A value weighted towards the head of a code list, with a few "not stated". */
function weightedCode(rng: Rng, codes: readonly string[]): string {
  const stated = codes.filter((code) => code !== NOT_STATED);
  if (rng.next() < 0.03 && codes.includes(NOT_STATED)) return NOT_STATED;
  const roll = rng.next();
  return stated[Math.floor(roll * roll * stated.length)] as string;
}

function gender(rng: Rng, womenShare: number): string {
  const roll = rng.next();
  if (roll < womenShare) return 'female';
  if (roll < 0.98) return 'male';
  return roll < 0.99 ? 'other' : NOT_STATED;
}

/** Volume per month for a policy, by what it counts. */
function monthlyVolume(policy: InterventionPolicy, rng: Rng): number {
  if (policy.tally.visitors !== undefined) return between(rng, 8, 9);
  if (policy.tally.groupMeeting !== undefined) return between(rng, 3, 5);
  switch (policy.tally.contact?.countedAs) {
    case 'session':
      return between(rng, 14, 30);
    case 'participant':
      return between(rng, 8, 16);
    case 'home-visit':
      return between(rng, 4, 8);
    case 'talk':
      return between(rng, 3, 8);
    default:
      return between(rng, 10, 25);
  }
}

/** The ages a policy may record for an age dimension: its domain, its banding and the target group. */
function ageSpan(policy: InterventionPolicy, dimension: Dimension): { min: number; max: number } {
  const range = policy.targetGroup.ageRange?.enforcedOn === dimension.id ? policy.targetGroup.ageRange : {};
  const banding = dimension.kind === 'age' || dimension.kind === 'age-list' ? dimension.banding : undefined;
  const domain = dimension.kind === 'age' || dimension.kind === 'age-list' ? (dimension.ages ?? {}) : {};
  const exact = banding?.kind === 'exact-years' ? banding : { min: 0, max: 120 };
  return {
    min: Math.max(range?.min ?? 0, domain.min ?? 0, exact.min),
    max: Math.min(range?.max ?? 120, domain.max ?? 120, exact.max),
  };
}

/**
 * An age as a caller would give it: adults (five-year classes, or a span from 18) mostly 25–40,
 * as parents are; young people spread over their span.
 */
function age(rng: Rng, policy: InterventionPolicy, dimension: Extract<Dimension, { kind: 'age' }>): number {
  const span = ageSpan(policy, dimension);
  const adults = { min: Math.max(span.min, 18), max: Math.min(span.max, 64) };
  if ((dimension.banding.kind === 'five-year' || span.min >= 18) && adults.min <= adults.max) {
    const adult = Math.round(32 + (rng.next() + rng.next() + rng.next() - 1.5) * 12);
    return clamp(adult, adults.min, adults.max);
  }
  return between(rng, span.min, Math.min(span.max, span.min + 12));
}

/** The dimensions a contact leaves as not applicable: of each group of alternatives, all but one. */
function unchosen(rng: Rng, policy: InterventionPolicy): Set<string> {
  const skipped = new Set<string>();
  for (const group of policy.tally.contact?.oneOf ?? []) {
    // The first alternative (the pupil) is met about twice as often as the others (a parent).
    const chosen = rng.next() < 0.65 ? group[0] : pick(rng, group.slice(1));
    for (const id of group) if (id !== chosen) skipped.add(id);
  }
  return skipped;
}

/** The marks of one contact: realistic for the policy's target group, consistent across dimensions. */
function contactMarks(
  rng: Rng,
  policy: InterventionPolicy,
  catalogue: Catalogue,
  women: number,
): Record<string, Mark> {
  const dimensions = policy.tally.contact?.dimensions ?? [];
  const skipped = unchosen(rng, policy);
  const marks: Record<string, Mark> = {};
  const counts = new Map<string, number>();
  for (const id of dimensions) {
    const dimension = findDimension(catalogue, id);
    if (dimension?.kind !== 'age-list' || dimension.matchesCount === undefined) continue;
    if (!dimensions.includes(dimension.matchesCount)) continue;
    counts.set(dimension.matchesCount, pick(rng, [0, 1, 1, 1, 1, 2, 2, 2, 3, 4]));
  }
  for (const id of dimensions) {
    const dimension = findDimension(catalogue, id);
    if (skipped.has(id)) {
      marks[id] = NOT_APPLICABLE;
      continue;
    }
    switch (dimension?.kind) {
      case 'age':
        marks[id] = age(rng, policy, dimension);
        break;
      case 'age-list': {
        const children =
          dimension.matchesCount === undefined ? undefined : counts.get(dimension.matchesCount);
        const length = children ?? pick(rng, [0, 1, 1, 2, 2, 3]);
        const span = ageSpan(policy, dimension);
        marks[id] = Array.from({ length }, () => between(rng, span.min, span.max));
        break;
      }
      case 'count':
        marks[id] = counts.get(id) ?? pick(rng, [0, 1, 1, 1, 1, 2, 2, 2, 3, 4]);
        break;
      case 'code-list':
        marks[id] =
          dimension.codeList === 'gender'
            ? gender(rng, women)
            : weightedCode(
                rng,
                (catalogue.codeLists[dimension.codeList]?.codes ?? []).map((code) => code.code),
              );
        break;
      default:
        marks[id] = NOT_STATED;
    }
  }
  return marks;
}

function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rng.next() * 4)] as string;
  const joined = hex.join('');
  return `${joined.slice(0, 8)}-${joined.slice(8, 12)}-${joined.slice(12, 16)}-${joined.slice(16, 20)}-${joined.slice(20)}`;
}

const isoDate = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** A date `days` after another, as `YYYY-MM-DD` (UTC, so no daylight-saving surprises). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How often a series of each length (1 … max) occurs: most end after two or three, a few use the limit. */
const lengthWeights = (max: number): number[] =>
  Array.from({ length: max }, (_, index) => (index === 0 ? 2 : index < 3 ? 2.5 : 1.5));

/** The mean length of a series under {@link lengthWeights}. */
function meanLength(max: number): number {
  const weights = lengthWeights(max);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.reduce((sum, weight, index) => sum + weight * (index + 1), 0) / total;
}

/** How many contacts a series has, up to the policy's limit (home visits: about a third each of one, two and three). */
function seriesLength(rng: Rng, max: number): number {
  const weights = lengthWeights(max);
  let roll = rng.next() * weights.reduce((sum, weight) => sum + weight, 0);
  for (let index = 0; index < weights.length; index += 1) {
    roll -= weights[index] as number;
    if (roll < 0) return index + 1;
  }
  return max;
}

/**
 * One series: the same person throughout (gender, children, problem area and route in stay),
 * contacts one to three weeks apart (home visits two to six), ending with the year at the latest.
 */
function seriesOf(
  rng: Rng,
  policy: InterventionPolicy,
  unitId: string,
  catalogue: Catalogue,
  first: string,
  year: number,
  women: number,
): SeededSeries {
  const length = seriesLength(rng, policy.series?.maxContacts ?? 5);
  const person = contactMarks(rng, policy, catalogue, women);
  const homeVisits = policy.tally.contact?.countedAs === 'home-visit';
  const contacts: ContactInput[] = [];
  let date = first;
  for (let index = 0; index < length && date.startsWith(String(year)); index += 1) {
    const marks = { ...person };
    if ('furtherAction' in marks && index < length - 1 && rng.next() < 0.7)
      marks.furtherAction = 'continued-support';
    else if ('furtherAction' in marks)
      marks.furtherAction = contactMarks(rng, policy, catalogue, women).furtherAction ?? NOT_STATED;
    contacts.push({
      type: 'TallyContact',
      commandId: uuidFrom(rng),
      interventionId: policy.id,
      unitId,
      date,
      marks,
    });
    date = addDays(date, homeVisits ? between(rng, 14, 42) : between(rng, 7, 21));
  }
  return { interventionId: policy.id, unitId, contacts };
}

/**
 * A seeded, realistic year split by how it is recorded: tallies on their own, and the contacts
 * of interventions that require a series (råd och stöd, home visits), grouped by series — one
 * person or family each, never more contacts than the policy's limit. Volumes by kind of
 * contact, a summer dip, gender and age mixes typical of each target group (adults mostly
 * 25–40, young people within their target group, the ages of all the children a råd och stöd
 * session concerns, pupils or their parents at Rörligt elevstöd).
 */
export function seededYearParts(options: SeededYearOptions): SeededYearParts {
  const { catalogue, year } = options;
  const rng = seededRandom(options.seed ?? 42);
  const volume = options.volume ?? 1;
  const tallies: TallyCommandInput[] = [];
  const series: SeededSeries[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const season = month === 7 ? 0.4 : month === 8 || month === 12 ? 0.8 : 1;
    for (const policy of tallyingPolicies(catalogue)) {
      const women = policy.responsibleUnits.includes('familjecentral') ? 0.72 : 0.55;
      for (const unitId of policy.responsibleUnits) {
        const expected = monthlyVolume(policy, rng) * season * volume;
        if (requiresSeries(policy)) {
          // Contacts per month stay as they were; they now come in series (rounded at random, so
          // a small year still has some).
          const mean = expected / meanLength(policy.series?.maxContacts ?? 5);
          const opened = Math.floor(mean) + (rng.next() < mean - Math.floor(mean) ? 1 : 0);
          for (let index = 0; index < opened; index += 1) {
            const first = isoDate(year, month, between(rng, 1, 28));
            series.push(seriesOf(rng, policy, unitId, catalogue, first, year, women));
          }
          continue;
        }
        const contacts = Math.round(expected);
        for (let index = 0; index < contacts; index += 1) {
          const date = isoDate(year, month, between(rng, 1, 28));
          const base = { commandId: uuidFrom(rng), interventionId: policy.id, unitId, date };
          if (policy.tally.visitors !== undefined) {
            const visitors = between(rng, 10, 35);
            const women_ = Math.round(visitors * (0.4 + rng.next() * 0.3));
            tallies.push({
              type: 'TallyVisitors',
              ...base,
              visitors: { female: women_, male: visitors - women_ },
            });
          } else if (policy.tally.groupMeeting !== undefined) {
            const groups = policy.tally.groupMeeting.participants;
            const participants: { adults?: Record<string, number>; children?: Record<string, number> } = {};
            if (groups.includes('children'))
              participants.children = { female: between(rng, 2, 7), male: between(rng, 2, 7) };
            if (groups.includes('adults')) {
              // A meeting of adults only has at least one; beside children, adults may be absent.
              const fewest = groups.includes('children') ? 0 : 1;
              participants.adults = { female: between(rng, fewest, 2), male: between(rng, 0, 2) };
            }
            tallies.push({ type: 'TallyGroupMeeting', ...base, participants });
          } else {
            tallies.push({
              type: 'TallyContact',
              ...base,
              marks: contactMarks(rng, policy, catalogue, women),
            });
          }
        }
      }
    }
  }
  const byDate = (a: TallyCommandInput, b: TallyCommandInput): number =>
    'date' in a && 'date' in b ? a.date.localeCompare(b.date) : 0;
  const firstDate = (entry: SeededSeries): string => entry.contacts[0]?.date ?? '';
  return {
    tallies: tallies.sort(byDate),
    series: series.sort((a, b) => firstDate(a).localeCompare(firstDate(b))),
  };
}

/**
 * A seeded, realistic year of tally commands for every intervention of a catalogue that keeps
 * tallies, in date order, so it can be replayed as it would have happened: the tallies and
 * every series' contacts of {@link seededYearParts} together. (Contacts of interventions that
 * require a series are recorded through their series: see `seededYearParts`.)
 */
export function seededYear(options: SeededYearOptions): TallyCommandInput[] {
  const { tallies, series } = seededYearParts(options);
  return [...tallies, ...series.flatMap((entry) => entry.contacts)].sort((a, b) =>
    'date' in a && 'date' in b ? a.date.localeCompare(b.date) : 0,
  );
}
