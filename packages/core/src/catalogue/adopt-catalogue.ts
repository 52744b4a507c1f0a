import * as E from 'fp-ts/lib/Either.js';
import { castDraft, produce } from 'immer';
import { z } from 'zod';
import type { Decider } from '../decider.js';
import { canonicalJson } from '../envelope/canonical-json.js';
import type { JsonValue } from '../json.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { CommandIdSchema } from '../tally/commands.js';
import type { CatalogueAdopted } from '../tally/events.js';
import { CatalogueSchema } from './catalogue.js';
import type { CatalogueHistory } from './catalogue-history.js';
import { toValidationIssues } from './validation-issue.js';

/** Adopt a catalogue version (the decision and legal basis travel inside it). */
export const AdoptCatalogueSchema = z
  .object({
    type: z.literal('AdoptCatalogue'),
    commandId: CommandIdSchema,
    catalogue: z.unknown(),
  })
  .strict();

/** Adopt a catalogue version. */
export type AdoptCatalogue = z.infer<typeof AdoptCatalogueSchema>;

function decide(
  command: AdoptCatalogue,
  history: CatalogueHistory,
): E.Either<Refusal, readonly CatalogueAdopted[]> {
  const parsed = CatalogueSchema.safeParse(command.catalogue);
  if (!parsed.success) return E.left(refuse.catalogueRejected(toValidationIssues(parsed.error)));
  const catalogue = parsed.data;
  const existing = history.find((adopted) => adopted.version === catalogue.version);
  if (existing !== undefined) {
    const same =
      canonicalJson(existing as unknown as JsonValue) === canonicalJson(catalogue as unknown as JsonValue);
    return same
      ? E.right([])
      : E.left(
          refuse.catalogueVersionExists(
            { catalogueId: catalogue.id, catalogueVersion: catalogue.version, clause: 'catalogue/version' },
            catalogue.version,
          ),
        );
  }
  return E.right([{ type: 'CatalogueAdopted', data: { catalogue } }]);
}

/** The catalogue stream: adopting versions, each of which stays answerable for its dates. */
export const catalogueDecider: Decider<AdoptCatalogue, CatalogueAdopted, CatalogueHistory> = {
  initialState: [],
  decide,
  evolve: (history, event) =>
    produce(history, (draft) => {
      draft.push(castDraft(event.data.catalogue));
    }),
};
