import { AssertionError, deepStrictEqual } from 'node:assert';
import type { Refusal, RefusalCode } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describeOutcome } from './describe-outcome.js';
import type { WrittenEvent } from './written-events.js';

/** What a command did: the service's answer, and every event it wrote (decrypted). */
export interface ServiceOutcome<Result> {
  readonly outcome: E.Either<Refusal, Result>;
  readonly events: readonly WrittenEvent[];
}

/** An event a test expects: its type, and the data fields it cares about (others are not compared). */
export interface ExpectedEvent {
  readonly type: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The assertions on one command run through the service; each resolves, or rejects with an `AssertionError`. */
export interface ServiceThen<Result> {
  /** Asserts the command was accepted and wrote these events, in order (by type, and the data fields named). */
  then(expected: readonly ExpectedEvent[]): Promise<void>;
  /** Hands the written events and the service's answer to the caller's own assertions (a refusal fails first). */
  then(assert: (events: readonly WrittenEvent[], result: Result) => void | Promise<void>): Promise<void>;
  /** Asserts the command was refused with this code and wrote nothing; resolves to the refusal. */
  thenRefuses(code: RefusalCode): Promise<Refusal>;
  /** Asserts the command was accepted and wrote nothing (a retry, a second seal, reading notes). */
  thenNothingHappens(): Promise<void>;
  /** The outcome itself, for anything the assertions above do not cover. */
  outcome(): Promise<ServiceOutcome<Result>>;
}

/** The fields of `data` that `expected` names (only those present), so the diff shows just what matters. */
function project(event: WrittenEvent, expected: ExpectedEvent | undefined): ExpectedEvent {
  if (expected?.data === undefined) return { type: event.type };
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<
    string,
    unknown
  >;
  const named = Object.keys(expected.data).filter((key) => key in data);
  return { type: event.type, data: Object.fromEntries(named.map((key) => [key, data[key]])) };
}

function expectEvents(events: readonly WrittenEvent[], expected: readonly ExpectedEvent[]): void {
  const actual = events.map((event, index) => project(event, expected[index]));
  const wanted = expected.map((event) =>
    event.data === undefined ? { type: event.type } : { type: event.type, data: event.data },
  );
  try {
    deepStrictEqual(actual, wanted);
  } catch (error) {
    throw new AssertionError({
      message: `the command wrote other events than expected\n${(error as Error).message}`,
      actual,
      expected: wanted,
      operator: 'then',
    });
  }
}

/** The assertions over a command's outcome, which is still being computed. */
export function serviceThen<Result>(pending: Promise<ServiceOutcome<Result>>): ServiceThen<Result> {
  const settled = async (): Promise<ServiceOutcome<Result>> => pending;
  return {
    // biome-ignore lint/suspicious/noThenProperty: given/when/then is the kit's vocabulary (TypeScript refuses `await` on it; use `outcome()`).
    // biome-ignore lint/suspicious/noExplicitAny: one implementation for both overloads, and for plain JavaScript awaiting it.
    async then(expectation: any, onRejected?: (reason: unknown) => unknown): Promise<any> {
      // Awaited by plain JavaScript (which passes two callbacks): behave as a promise of the outcome, never hang.
      if (typeof onRejected === 'function') return pending.then(expectation, onRejected);
      const { outcome, events } = await settled();
      if (E.isLeft(outcome)) {
        throw new AssertionError({
          message: `expected the command to be accepted, but it was ${describeOutcome(outcome, events)}`,
          actual: outcome.left,
          expected: typeof expectation === 'function' ? 'accepted' : expectation,
          operator: 'then',
        });
      }
      if (typeof expectation === 'function') await expectation(events, outcome.right);
      else expectEvents(events, expectation);
    },
    async thenRefuses(code) {
      const { outcome, events } = await settled();
      if (E.isRight(outcome) || outcome.left.code !== code || events.length > 0) {
        const refusedRight = E.isLeft(outcome) && outcome.left.code === code;
        throw new AssertionError({
          message: refusedRight
            ? `the command was refused with ${code}, but a refusal must write nothing and it was ${describeOutcome(outcome, events)}`
            : `expected a refusal with ${code}, but the command was ${describeOutcome(outcome, events)}`,
          actual: E.isLeft(outcome) ? outcome.left.code : 'accepted',
          expected: code,
          operator: 'thenRefuses',
        });
      }
      return outcome.left;
    },
    async thenNothingHappens() {
      const { outcome, events } = await settled();
      if (E.isLeft(outcome) || events.length > 0) {
        throw new AssertionError({
          message: `expected the command to be accepted and write nothing, but it was ${describeOutcome(outcome, events)}`,
          actual: E.isLeft(outcome) ? outcome.left.code : events.map((event) => event.type),
          expected: [],
          operator: 'thenNothingHappens',
        });
      }
    },
    outcome: settled,
  };
}
