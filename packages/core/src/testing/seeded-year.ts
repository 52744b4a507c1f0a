import type { Catalogue } from '../catalogue/catalogue.js';
import { NOT_STATED } from '../catalogue/code-list.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
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

type Rng = { next(): number };

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.next() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number =>
  min + Math.floor(rng.next() * (max - min + 1));

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

function mark(
  rng: Rng,
  policy: InterventionPolicy,
  dimensionId: string,
  catalogue: Catalogue,
  women: number,
): string | number {
  const range = policy.targetGroup.ageRange;
  switch (dimensionId) {
    case 'gender':
      return gender(rng, women);
    case 'adultAge':
      return Math.max(18, Math.min(64, Math.round(32 + (rng.next() + rng.next() + rng.next() - 1.5) * 12)));
    case 'individualAge':
      return between(rng, Math.max(range?.min ?? 13, 10), Math.min(range?.max ?? 21, 25));
    case 'childAge':
      return between(rng, 0, 17);
    case 'numberOfChildren':
      return pick(rng, [0, 1, 1, 1, 1, 2, 2, 2, 3, 4]);
    default: {
      const dimension = catalogue.dimensions.find((candidate) => candidate.id === dimensionId);
      const codes =
        dimension?.kind === 'code-list'
          ? (catalogue.codeLists[dimension.codeList]?.codes ?? []).map((code) => code.code)
          : [];
      return weightedCode(rng, codes);
    }
  }
}

function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rng.next() * 4)] as string;
  const joined = hex.join('');
  return `${joined.slice(0, 8)}-${joined.slice(8, 12)}-${joined.slice(12, 16)}-${joined.slice(16, 20)}-${joined.slice(20)}`;
}

/**
 * A seeded, realistic year of tally commands for every intervention of a catalogue that
 * keeps tallies: volumes by kind of contact, a summer dip, gender and age mixes typical of
 * each target group. In date order, so it can be replayed as it would have happened.
 */
export function seededYear(options: SeededYearOptions): TallyCommandInput[] {
  const { catalogue, year } = options;
  const rng = seededRandom(options.seed ?? 42);
  const volume = options.volume ?? 1;
  const commands: TallyCommandInput[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const season = month === 7 ? 0.4 : month === 8 || month === 12 ? 0.8 : 1;
    for (const policy of tallyingPolicies(catalogue)) {
      const women = policy.responsibleUnits.includes('familjecentral') ? 0.72 : 0.55;
      for (const unitId of policy.responsibleUnits) {
        const count = Math.round(monthlyVolume(policy, rng) * season * volume);
        for (let index = 0; index < count; index += 1) {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}`;
          const base = { commandId: uuidFrom(rng), interventionId: policy.id, unitId, date };
          if (policy.tally.visitors !== undefined) {
            const visitors = between(rng, 10, 35);
            const women_ = Math.round(visitors * (0.4 + rng.next() * 0.3));
            commands.push({
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
            commands.push({ type: 'TallyGroupMeeting', ...base, participants });
          } else {
            const dimensions = policy.tally.contact?.dimensions ?? [];
            const marks = Object.fromEntries(
              dimensions.map((id) => [id, mark(rng, policy, id, catalogue, women)]),
            );
            commands.push({ type: 'TallyContact', ...base, marks });
          }
        }
      }
    }
  }
  return commands.sort((a, b) => ('date' in a && 'date' in b ? a.date.localeCompare(b.date) : 0));
}
