import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { toValidationIssues } from '../catalogue/validation-issue.js';
import { scanForPersonalData } from '../privacy/personal-data-guard.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { type TallyCommand, TallyCommandSchema } from './commands.js';
import { fastTallyContact } from './fast-tally-contact.js';

/**
 * The door every input passes: first the personal-data guard (so a personnummer is refused
 * without ever being echoed), then the strict schema (unknown fields refused).
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  fastPath?: (input: unknown) => z.infer<Schema> | undefined,
): E.Either<Refusal, z.infer<Schema>> {
  const finding = scanForPersonalData(input);
  if (finding !== undefined) return E.left(refuse.personalDataDetected(finding.path, finding.kind));
  const fast = fastPath?.(input);
  if (fast !== undefined) return E.right(fast);
  const parsed = schema.safeParse(input);
  return parsed.success
    ? E.right(parsed.data)
    : E.left(refuse.invalidInput(toValidationIssues(parsed.error)));
}

/** Validates a tally-sheet command from untrusted input. */
export function parseTallyCommand(input: unknown): E.Either<Refusal, TallyCommand> {
  return parseInput(TallyCommandSchema, input, fastTallyContact);
}
