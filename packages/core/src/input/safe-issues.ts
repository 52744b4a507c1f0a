import type { z } from 'zod';
import type { ValidationIssue } from '../catalogue/validation-issue.js';
import { safePointer } from './safe-pointer.js';

/** What zod says of one issue, without anything the input said. */
function safeMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? 'an unknown field' : `${issue.keys.length} unknown fields`;
    case 'invalid_key':
      return 'a key that is not allowed here';
    default:
      // zod names what it expected (a type, a length, the schema's own values), never what it got;
      // the library's own refinements are written not to quote input.
      return issue.message;
  }
}

/**
 * A schema's issues for a refusal: located by pointers that name only schema fields (and
 * catalogue ids, when given) and worded without the values or keys that were sent.
 */
export function toSafeValidationIssues(
  error: z.ZodError,
  catalogueWords?: ReadonlySet<string>,
): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: safePointer(issue.path, catalogueWords),
    message: safeMessage(issue),
  }));
}
