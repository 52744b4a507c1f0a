import type { Refusal } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import type { WrittenEvent } from './written-events.js';

/** A command's outcome in plain words, for assertion messages. */
export function describeOutcome(
  outcome: E.Either<Refusal, unknown>,
  events: readonly WrittenEvent[],
): string {
  const wrote =
    events.length === 0
      ? 'writing nothing'
      : `writing ${events.length} event(s): ${events.map((event) => `${event.type} (${event.stream})`).join(', ')}`;
  return E.isLeft(outcome)
    ? `refused with ${outcome.left.code}: ${outcome.left.message.en}${events.length === 0 ? '' : ` — after ${wrote}`}`
    : `accepted, ${wrote}`;
}
