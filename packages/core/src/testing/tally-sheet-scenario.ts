import * as E from 'fp-ts/lib/Either.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Refusal } from '../refusals/refusal.js';
import type { CatalogueAdopted, SheetDetailEvent } from '../tally/events.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { type TallyDecision, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { given } from './given-when-then.js';

/** The event of a catalogue's adoption, for `given`. */
export function adopted(catalogue: Catalogue): CatalogueAdopted {
  return { type: 'CatalogueAdopted', data: { catalogue } };
}

/** Parses untrusted input as the service does. */
function parseForTest(input: unknown): E.Either<Refusal, TallyDecision> {
  return parseTallyCommand(input);
}

/** Given these events on a tally sheet (catalogue adoptions first), when this untrusted input … */
export function givenTallySheet(history: readonly (SheetDetailEvent | CatalogueAdopted)[]) {
  return given(tallySheetDecider, history, parseForTest);
}

/**
 * The same, with each contact decided as a session of its series records it: for interventions
 * whose contacts must belong to a series (the series keeper has counted it against the limit).
 */
export function givenSeriesSessions(history: readonly (SheetDetailEvent | CatalogueAdopted)[]) {
  return given(tallySheetDecider, history, (input: unknown) =>
    E.map((command: TallyDecision) => ({ ...command, viaSeries: true }))(parseForTest(input)),
  );
}
