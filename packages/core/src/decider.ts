import type { Either } from 'fp-ts/lib/Either.js';
import type { Refusal } from './refusals/refusal.js';

/**
 * A pure decision model: `decide` turns a command and the current state into events or a
 * refusal; `evolve` folds an event into the state. No I/O, clock or randomness.
 */
export interface Decider<Command, Event, State, Evolves = Event> {
  readonly initialState: State;
  decide(command: Command, state: State): Either<Refusal, readonly Event[]>;
  /** Folds an event in; `Evolves` may include events decided elsewhere (a tally sheet folds catalogue adoptions). */
  evolve(state: State, event: Evolves): State;
}
