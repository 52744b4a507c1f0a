import { seededRandom } from '@pinnstatistik/core';

/**
 * The PEERS workload (`shared/PEERS.md`): tally events for 17 interventions × 6 units × 12
 * months of 2025 — 1,224 streams, one per intervention × unit × month — with ten categorical
 * fields each, mulberry32 seed 42. Every implementation gets the same events in the same
 * order and must produce the same fold.
 */
export const INTERVENTIONS = Array.from({ length: 17 }, (_, index) => `intervention-${index + 1}`);
export const UNITS = Array.from({ length: 6 }, (_, index) => `unit-${index + 1}`);
export const MONTHS = Array.from({ length: 12 }, (_, index) => `2025-${String(index + 1).padStart(2, '0')}`);
export const GENDERS = ['female', 'male', 'other', 'not-stated'];
export const AGE_BANDS = ['0-5', '6-12', '13-17', '18-24', '25-34', '35-44', '45-64', '65+'];
export const CHILDREN = ['0', '1', '2', '3', '4+'];
export const HOUSEHOLDS = ['single', 'couple', 'single-parent', 'two-parents', 'other'];
export const PROBLEM_AREAS = [
  'parenting',
  'relationship',
  'finances',
  'housing',
  'health',
  'substance-use',
  'violence',
  'other',
];
export const ROUTES_IN = ['self', 'school', 'health-care', 'social-services', 'police', 'other'];
export const FURTHER_ACTIONS = ['none', 'referred', 'follow-up', 'other-service', 'not-stated'];
/** The days of the year, as `YYYY-MM-DD`, by month (28 each keeps every month alike). */
export const DAYS = MONTHS.map((month) =>
  Array.from({ length: 28 }, (_, day) => `${month}-${String(day + 1).padStart(2, '0')}`),
);

/** The 1,224 stream names, by ordinal: intervention × unit × month. */
export const STREAMS = INTERVENTIONS.flatMap((intervention) =>
  UNITS.flatMap((unit) => MONTHS.map((month) => `tally-${intervention}-${unit}-${month}`)),
);

/** One event's codes: indices into the code lists above (what a compact encoding stores). */
export interface PeerCodes {
  stream: number;
  intervention: number;
  unit: number;
  month: number;
  day: number;
  gender: number;
  ageBand: number;
  children: number;
  household: number;
  problemArea: number;
  routeIn: number;
  furtherAction: number;
}

/** An event as the peers take it: a type and a plain object of ten categorical fields. */
export interface PeerEvent {
  readonly type: 'ContactTallied';
  readonly data: {
    readonly interventionId: string;
    readonly unitId: string;
    readonly date: string;
    readonly gender: string;
    readonly ageBand: string;
    readonly children: string;
    readonly household: string;
    readonly problemArea: string;
    readonly routeIn: string;
    readonly furtherAction: string;
  };
}

/**
 * Draws the workload's events one at a time into `codes` (reused: no allocation per event):
 * a stream uniformly, then each field from its list with a skew towards the head.
 */
export function createPeerDraw(seed = 42): (codes: PeerCodes) => void {
  const rng = seededRandom(seed);
  const skewed = (size: number): number => {
    const roll = rng.next();
    return Math.floor(roll * roll * size);
  };
  return (codes) => {
    const stream = Math.floor(rng.next() * STREAMS.length);
    codes.stream = stream;
    codes.intervention = Math.floor(stream / (UNITS.length * MONTHS.length));
    codes.unit = Math.floor(stream / MONTHS.length) % UNITS.length;
    codes.month = stream % MONTHS.length;
    codes.day = Math.floor(rng.next() * 28);
    codes.gender = skewed(GENDERS.length);
    codes.ageBand = Math.floor(rng.next() * AGE_BANDS.length);
    codes.children = skewed(CHILDREN.length);
    codes.household = skewed(HOUSEHOLDS.length);
    codes.problemArea = skewed(PROBLEM_AREAS.length);
    codes.routeIn = skewed(ROUTES_IN.length);
    codes.furtherAction = skewed(FURTHER_ACTIONS.length);
  };
}

/** Fresh codes to draw into. */
export const emptyCodes = (): PeerCodes => ({
  stream: 0,
  intervention: 0,
  unit: 0,
  month: 0,
  day: 0,
  gender: 0,
  ageBand: 0,
  children: 0,
  household: 0,
  problemArea: 0,
  routeIn: 0,
  furtherAction: 0,
});

/** The event the peers are given for these codes (its strings are shared, as a caller's would be). */
export function peerEvent(codes: PeerCodes): PeerEvent {
  return {
    type: 'ContactTallied',
    data: {
      interventionId: INTERVENTIONS[codes.intervention] as string,
      unitId: UNITS[codes.unit] as string,
      date: (DAYS[codes.month] as string[])[codes.day] as string,
      gender: GENDERS[codes.gender] as string,
      ageBand: AGE_BANDS[codes.ageBand] as string,
      children: CHILDREN[codes.children] as string,
      household: HOUSEHOLDS[codes.household] as string,
      problemArea: PROBLEM_AREAS[codes.problemArea] as string,
      routeIn: ROUTES_IN[codes.routeIn] as string,
      furtherAction: FURTHER_ACTIONS[codes.furtherAction] as string,
    },
  };
}
