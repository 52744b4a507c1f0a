import type { AppendError, ExpectedRevision } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';

/** Whether a stream at revision `current` (-1: no stream) is what an append expects. */
export const meetsExpectation = (expected: ExpectedRevision, current: number): boolean =>
  expected === 'any' ||
  (expected === 'no-stream' && current === -1) ||
  (expected === 'stream-exists' && current >= 0) ||
  expected === current;

/** The refusal of an append that expected another revision. */
export const wrongExpectedRevision = (
  stream: string,
  expected: ExpectedRevision,
  current: number,
): E.Either<AppendError, never> =>
  E.left({
    code: 'WRONG_EXPECTED_REVISION',
    stream,
    expected,
    actual: current === -1 ? 'no-stream' : current,
  });
