import type { Language, Refusal, RuleReference } from '@pinnstatistik/core';
import type { HttpProblem } from './http-problem.js';

/** The body of every 4xx/5xx answer: a stable code and one message in the negotiated language. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** For refusals: the rule applied (catalogue, version, intervention, clause). */
    readonly rule?: RuleReference;
    /** Safe details only: locations, kinds, allowed codes and limits — never a value that was sent. */
    readonly details?: Readonly<Record<string, unknown>>;
  };
}

/**
 * The refusal fields that are safe to send back. Each names the rule or the place, never the
 * value sent: paths are JSON pointers (a key that is itself personal data is located by its
 * parent), `allowed` lists the catalogue's own codes.
 */
const SAFE_DETAILS = [
  'issues',
  'path',
  'personalDataKind',
  'dimension',
  'allowed',
  'responsibleUnits',
  'recording',
  'range',
  'limit',
  'period',
  'earliest',
  'documentationKind',
] as const;

/** The localised texts some refusals carry beside their message (the exemption ground, the case system). */
const LOCALISED_DETAILS = ['ground', 'system'] as const;

function detailsOf(refusal: Refusal, language: Language): Record<string, unknown> | undefined {
  const source = refusal as unknown as Record<string, unknown>;
  const details: Record<string, unknown> = {};
  for (const field of SAFE_DETAILS) if (source[field] !== undefined) details[field] = source[field];
  for (const field of LOCALISED_DETAILS) {
    const text = source[field] as Record<Language, string> | undefined;
    if (text !== undefined) details[field] = text[language];
  }
  return Object.keys(details).length === 0 ? undefined : details;
}

/** A refusal as an answer body: its code, its message in `language`, its rule and safe details. */
export function refusalBody(refusal: Refusal, language: Language): ErrorBody {
  const details = detailsOf(refusal, language);
  return {
    error: {
      code: refusal.code,
      message: refusal.message[language],
      rule: refusal.rule,
      ...(details === undefined ? {} : { details }),
    },
  };
}

/** An HTTP-level problem as an answer body. */
export function problemBody(problem: HttpProblem, language: Language): ErrorBody {
  return {
    error: {
      code: problem.code,
      message: problem.message[language],
      ...(problem.issues === undefined ? {} : { details: { issues: problem.issues } }),
    },
  };
}
