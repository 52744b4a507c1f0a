import type { TallyCommandInput } from '../../tally/commands.js';

/** The sheet attack tests tally on: the meeting place's outreach, by its own unit. */
export const ATTACKED_SHEET = { interventionId: 'motesplats-uppsokande', unitId: 'motesplats' } as const;

/**
 * Numbered commands for an attack test: command ids `<prefix>-0000-4000-8000-<n, 12 digits>`
 * (a prefix of 8 hex digits per test file keeps files' ids apart) and a contact on
 * {@link ATTACKED_SHEET}, its gender alternating with `n`.
 */
export function numberedCommands(prefix: string): {
  readonly uuid: (n: number) => string;
  readonly contact: (n: number, date: string) => TallyCommandInput;
} {
  if (!/^[0-9a-f]{8}$/.test(prefix)) throw new Error('the prefix is 8 lower-case hex digits');
  const uuid = (n: number): string => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const contact = (n: number, date: string): TallyCommandInput => ({
    type: 'TallyContact',
    commandId: uuid(n),
    ...ATTACKED_SHEET,
    date,
    marks: { gender: n % 2 === 0 ? 'female' : 'male' },
  });
  return { uuid, contact };
}
