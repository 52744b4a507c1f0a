import type { Refusal } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import type { HttpProblem } from './http-problem.js';

/** What a route decided, as data: the app turns it into status, headers and body. */
export type Outcome =
  | { readonly kind: 'ok'; readonly status: 200 | 201; readonly body: unknown }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'problem'; readonly problem: HttpProblem };

/** A command's result as an outcome: `status` with `wrap(value)` as the body, or the refusal. */
export function outcomeOf<T>(
  result: E.Either<Refusal, T>,
  status: 200 | 201,
  wrap: (value: T) => unknown,
): Outcome {
  return E.isLeft(result)
    ? { kind: 'refused', refusal: result.left }
    : { kind: 'ok', status, body: wrap(result.right) };
}
