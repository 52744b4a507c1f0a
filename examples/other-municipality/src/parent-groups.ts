import { type Catalogue, seededRandom, type TallyCommandInput } from '@pinnstatistik/core';

/**
 * `seededYear` counts adults at group meetings as the few that accompany children's groups
 * (0–2 of each gender), which can make a parents-only meeting empty — and an empty meeting is
 * refused. Exempelby's parent groups are parents only, so their meetings get parent-group
 * numbers instead: 3–8 mothers and 1–5 fathers, from their own seed.
 */
export function withParentGroupNumbers(
  catalogue: Catalogue,
  commands: readonly TallyCommandInput[],
  seed: number,
): TallyCommandInput[] {
  const rng = seededRandom(seed);
  const between = (min: number, max: number): number => min + Math.floor(rng.next() * (max - min + 1));
  const parentsOnly = new Set(
    catalogue.interventions
      .filter((policy) => policy.tally.groupMeeting?.participants.join() === 'adults')
      .map((policy) => policy.id),
  );
  return commands.map((command) =>
    command.type === 'TallyGroupMeeting' && parentsOnly.has(command.interventionId)
      ? { ...command, participants: { adults: { female: between(3, 8), male: between(1, 5) } } }
      : command,
  );
}
