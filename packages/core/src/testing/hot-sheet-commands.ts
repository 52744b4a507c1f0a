import type { TallyCommandInput } from '../tally/commands.js';

// What tests of commands on one busy sheet share, whatever the store: one sheet of March 2025
// (outreach at Mötesplats), and commands numbered so that a number is always the same command.

/** Id number `n`: the same `n`, the same id. */
export const numberedId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The busy sheet's intervention and unit. */
export const HOT_SHEET = { interventionId: 'motesplats-uppsokande', unitId: 'motesplats' } as const;

/** Contact number `n` on the busy sheet (the same `n` and gender: the same command). */
export const hotSheetContact = (
  n: number,
  gender: 'female' | 'male' = n % 2 === 0 ? 'female' : 'male',
): TallyCommandInput => ({
  type: 'TallyContact' as const,
  commandId: numberedId(n),
  ...HOT_SHEET,
  date: '2025-03-14',
  marks: { gender },
});

/** Voids a tally of the busy sheet, as command `n`. */
export const hotSheetVoid = (
  n: number,
  tallyId: string,
  reason: 'registered-by-mistake' | 'duplicate' = 'registered-by-mistake',
): TallyCommandInput => ({
  type: 'VoidTally' as const,
  commandId: numberedId(n),
  ...HOT_SHEET,
  period: '2025-03',
  tallyId,
  reason,
});

/** The marks of a råd och stöd session with a parent of two children. */
export const SESSION_MARKS = {
  gender: 'female',
  childAges: [7, 4],
  numberOfChildren: 2,
  problemArea: 'parenting',
  routeIn: 'school',
  furtherAction: 'none',
};
