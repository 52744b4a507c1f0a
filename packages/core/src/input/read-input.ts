import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import type { ValidationIssue } from '../catalogue/validation-issue.js';
import type { JsonValue } from '../json.js';
import { scanForPersonalData } from '../privacy/personal-data-guard.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { limitsOf } from './input-limits.js';
import { toSafeValidationIssues } from './safe-issues.js';
import { safePointer } from './safe-pointer.js';
import { type SnapshotProblem, snapshotInput } from './snapshot-input.js';

/** How the boundary reads one kind of input. */
export interface ReadInputOptions<T> {
  /**
   * Top-level fields the guard does not scan: a series token, whose random letters and digits
   * are no personal data and are checked by their own check character. They are still
   * snapshotted and length-checked.
   */
  readonly unscanned?: readonly string[];
  /** The catalogue's ids and codes (`catalogueVocabulary`): equal strings skip the scan, pointers may name them. */
  readonly vocabulary?: ReadonlySet<string>;
  /** A faster exact parser of the snapshot for the common case; `undefined` leaves it to the schema. */
  readonly fastPath?: (snapshot: JsonValue) => T | undefined;
}

function problemIssue(
  problem: SnapshotProblem,
  vocabulary: ReadonlySet<string> | undefined,
): ValidationIssue {
  const path = safePointer(problem.path, vocabulary);
  switch (problem.reason) {
    case 'too-long':
      return { path, message: `longer than ${problem.limit} characters` };
    case 'too-deep':
      return { path, message: `nested deeper than ${problem.limit} levels` };
    case 'too-many':
      return { path, message: `more than ${problem.limit} entries` };
    case 'too-large':
      return { path, message: `the input is larger than ${problem.limit} values or characters` };
    case 'reserved-key':
      return { path, message: 'a reserved key (__proto__, constructor or prototype)' };
    case 'half-a-character':
      return { path, message: 'text cut in the middle of a character (a lone UTF-16 surrogate)' };
    case 'not-plain-data':
      return {
        path,
        message:
          'not plain JSON data (a getter, proxy, symbol, non-enumerable or inherited property, function or the like)',
      };
  }
}

/**
 * The door every untrusted input passes, in this order: one snapshot into plain JSON data
 * (length limits checked before anything scans a string; see `snapshotInput`), the
 * personal-data guard over the snapshot, then the strict schema (or its fast path) over the
 * same snapshot. Nothing after the door sees the caller's object; no refusal repeats what was
 * sent.
 */
export function readInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  options: ReadInputOptions<z.infer<Schema>> = {},
): E.Either<Refusal, z.infer<Schema>> {
  const snapshot = snapshotInput(input, limitsOf(schema));
  if (E.isLeft(snapshot))
    return E.left(refuse.invalidInput([problemIssue(snapshot.left, options.vocabulary)]));
  const data = snapshot.right;
  const scanned =
    options.unscanned === undefined || typeof data !== 'object' || data === null || Array.isArray(data)
      ? data
      : Object.fromEntries(Object.entries(data).filter(([key]) => !options.unscanned?.includes(key)));
  const finding = scanForPersonalData(
    scanned,
    options.vocabulary === undefined ? {} : { vocabulary: options.vocabulary },
  );
  if (finding !== undefined) return E.left(refuse.personalDataDetected(finding.path, finding.kind));
  const fast = options.fastPath?.(data);
  if (fast !== undefined) return E.right(fast);
  const parsed = schema.safeParse(data);
  return parsed.success
    ? E.right(parsed.data)
    : E.left(refuse.invalidInput(toSafeValidationIssues(parsed.error, options.vocabulary)));
}
