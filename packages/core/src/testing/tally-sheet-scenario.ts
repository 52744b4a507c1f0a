import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Refusal } from '../refusals/refusal.js';
import type { TallyCommand } from '../tally/commands.js';
import type { CatalogueAdopted, SheetDetailEvent } from '../tally/events.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { type TallyDecision, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { given } from './given-when-then.js';

/** The event of a catalogue's adoption, for `given`. */
export function adopted(catalogue: Catalogue): CatalogueAdopted {
  return { type: 'CatalogueAdopted', data: { catalogue } };
}

/**
 * A record key for tests: stable for a command id, so expected events can be written down.
 * (The command service draws record keys from its `Random` port instead.)
 */
export function testRecordKey(commandId: string): number {
  return createHash('sha256').update(commandId).digest().readUInt32BE(0) / 2 ** 32;
}

/** Parses untrusted input as the service does, adding a test record key. */
function parseForTest(input: unknown): E.Either<Refusal, TallyDecision> {
  return E.map((command: TallyCommand) => ({ ...command, recordKey: testRecordKey(command.commandId) }))(
    parseTallyCommand(input),
  );
}

/** Given these events on a tally sheet (catalogue adoptions first), when this untrusted input … */
export function givenTallySheet(history: readonly (SheetDetailEvent | CatalogueAdopted)[]) {
  return given(tallySheetDecider, history, parseForTest);
}
