import type * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { readInput } from '../input/read-input.js';
import type { Refusal } from '../refusals/refusal.js';
import { type TallyCommand, TallyCommandSchema } from './commands.js';
import { fastTallyContact } from './fast-tally-contact.js';

/**
 * The door every input passes (see `readInput`): one plain snapshot, then the personal-data
 * guard (so a personnummer is refused without ever being echoed), then the strict schema
 * (unknown fields refused).
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  fastPath?: (input: unknown) => z.infer<Schema> | undefined,
  vocabulary?: ReadonlySet<string>,
): E.Either<Refusal, z.infer<Schema>> {
  return readInput(schema, input, {
    ...(fastPath === undefined ? {} : { fastPath }),
    ...(vocabulary === undefined ? {} : { vocabulary }),
  });
}

/**
 * Validates a tally-sheet command from untrusted input. Given the catalogue's words
 * (`catalogueVocabulary`), its ids and codes skip the personal-data scan.
 */
export function parseTallyCommand(
  input: unknown,
  vocabulary?: ReadonlySet<string>,
): E.Either<Refusal, TallyCommand> {
  return parseInput(TallyCommandSchema, input, fastTallyContact, vocabulary);
}
