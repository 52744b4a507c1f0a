import type { Catalogue, CommandService } from '@pinnstatistik/core';
import { createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { withParentGroupNumbers } from './parent-groups.js';

/** What recording the seeded year did. */
export interface RecordedYear {
  readonly commands: number;
  readonly byIntervention: ReadonlyMap<string, number>;
  readonly ms: number;
}

/**
 * Records a seeded, realistic year of tallies for every intervention of the catalogue that
 * keeps them (`seededYear` reads volumes, dimensions and target groups from the catalogue;
 * parents-only groups get parent-group numbers),
 * through the full command path. Any refusal is returned (its code and message in the
 * message): a seeded year must be accepted whole.
 */
export async function recordSeededYear(
  service: CommandService,
  catalogue: Catalogue,
  year: number,
): Promise<E.Either<{ readonly code: string; readonly message: string }, RecordedYear>> {
  const commands = withParentGroupNumbers(catalogue, seededYear({ catalogue, year, seed: 9999 }), 9998);
  const byIntervention = new Map<string, number>();
  const startedAt = performance.now();
  // Contacts of interventions with a series limit are recorded as sessions of series.
  const recorder = createCommandRecorder(service, catalogue, 9997);
  for (const command of commands) {
    try {
      await recorder.record(command);
    } catch (error) {
      return E.left({ code: 'REFUSED', message: (error as Error).message });
    }
    byIntervention.set(command.interventionId, (byIntervention.get(command.interventionId) ?? 0) + 1);
  }
  return E.right({ commands: commands.length, byIntervention, ms: performance.now() - startedAt });
}
