import { AssertionError, deepStrictEqual } from 'node:assert';
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '../decider.js';
import type { Refusal, RefusalCode } from '../refusals/refusal.js';

/** What a decider decided: the events, or the refusal. */
export type Outcome<Event> = E.Either<Refusal, readonly Event[]>;

/** The assertions on one decision. */
export interface Then<Event> {
  /** Asserts the decision produced exactly these events. */
  then(expected: readonly Event[]): void;
  /** Hands the events to the caller's own assertions, so the test runner shows its own diff (a refusal fails first). */
  then(assert: (events: readonly Event[]) => void): void;
  /** Asserts the command was refused with this code, and returns the refusal for further checks. */
  thenRefuses(code: RefusalCode): Refusal;
  /** Asserts the command was accepted and changed nothing. */
  thenNothingHappens(): void;
}

function describe<Event>(outcome: Outcome<Event>): string {
  return E.isLeft(outcome)
    ? `refused with ${outcome.left.code}: ${outcome.left.message.en}`
    : `accepted with ${outcome.right.length} event(s): ${outcome.right.map((event) => JSON.stringify(event)).join(', ')}`;
}

function thenOf<Event>(outcome: Outcome<Event>): Then<Event> {
  return {
    // biome-ignore lint/suspicious/noThenProperty: given/when/then is the kit's vocabulary; the object is never awaited.
    then(expectation: readonly Event[] | ((events: readonly Event[]) => void)): void {
      if (E.isLeft(outcome)) {
        throw new AssertionError({
          message: `expected events, but the command was ${describe(outcome)}`,
          actual: outcome.left,
          expected: expectation,
          operator: 'then',
        });
      }
      if (typeof expectation === 'function') {
        expectation(outcome.right);
        return;
      }
      deepStrictEqual(outcome.right, expectation, 'the decision produced other events than expected');
    },
    thenRefuses(code) {
      if (E.isRight(outcome) || outcome.left.code !== code) {
        throw new AssertionError({
          message: `expected a refusal with ${code}, but the command was ${describe(outcome)}`,
          actual: E.isLeft(outcome) ? outcome.left.code : outcome.right,
          expected: code,
          operator: 'thenRefuses',
        });
      }
      return outcome.left;
    },
    thenNothingHappens() {
      if (E.isLeft(outcome) || outcome.right.length > 0) {
        throw new AssertionError({
          message: `expected no events, but the command was ${describe(outcome)}`,
          actual: E.isLeft(outcome) ? outcome.left : outcome.right,
          expected: [],
          operator: 'thenNothingHappens',
        });
      }
    },
  };
}

/**
 * Given/when/then for any decider, independent of the test runner (failures are Node
 * `AssertionError`s with `actual` and `expected`, which vitest, jest and `node:test` diff).
 *
 * `parse` turns untrusted input into a command first, as the command service does, so
 * `thenRefuses('PERSONAL_DATA_DETECTED')` and `thenRefuses('INVALID_INPUT')` can be tested.
 */
export function given<Command, Event, State, Evolves = Event>(
  decider: Decider<Command, Event, State, Evolves>,
  history: readonly Evolves[],
  parse?: (input: unknown) => E.Either<Refusal, Command>,
): { when(command: Command | unknown): Then<Event>; state: State } {
  const state = history.reduce(decider.evolve, decider.initialState);
  return {
    state,
    when(input) {
      const command = parse === undefined ? E.right(input as Command) : parse(input);
      return thenOf(E.isLeft(command) ? command : decider.decide(command.right, state));
    },
  };
}
