import type { Catalogue } from '../catalogue/catalogue.js';
import type { CatalogueAdopted, TallyEvent } from '../tally/events.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { given } from './given-when-then.js';

/** The event of a catalogue's adoption, for `given`. */
export function adopted(catalogue: Catalogue): CatalogueAdopted {
  return { type: 'CatalogueAdopted', data: { catalogue } };
}

/** Given these events on a tally sheet (catalogue adoptions first), when this untrusted input … */
export function givenTallySheet(history: readonly (TallyEvent | CatalogueAdopted)[]) {
  return given(tallySheetDecider, history, parseTallyCommand);
}
