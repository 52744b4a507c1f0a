import type { z } from 'zod';

/** One problem found in input, located by a JSON Pointer (`/interventions/3/responsibleUnits/0`). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

function escapePointerSegment(segment: PropertyKey): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A JSON Pointer (RFC 6901) for a zod issue path. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '' : `/${path.map(escapePointerSegment).join('/')}`;
}

/**
 * Zod issues as located messages. Messages name what was expected, never the value given
 * (input may carry personal data the guard did not recognise).
 */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: toJsonPointer(issue.path),
    message:
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}
