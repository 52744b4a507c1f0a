import * as E from 'fp-ts/lib/Either.js';
import { castDraft, produce } from 'immer';
import type { Decider } from '../decider.js';
import { canonicalJson } from '../envelope/canonical-json.js';
import { toSafeValidationIssues } from '../input/safe-issues.js';
import type { JsonValue } from '../json.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { CatalogueAdopted } from '../tally/events.js';
import type { AdoptCatalogue } from './adopt-catalogue-command.js';
import { CatalogueSchema } from './catalogue.js';
import type { CatalogueHistory } from './catalogue-history.js';

export { type AdoptCatalogue, AdoptCatalogueSchema } from './adopt-catalogue-command.js';

function decide(
  command: AdoptCatalogue,
  history: CatalogueHistory,
): E.Either<Refusal, readonly CatalogueAdopted[]> {
  const parsed = CatalogueSchema.safeParse(command.catalogue);
  if (!parsed.success) return E.left(refuse.catalogueRejected(toSafeValidationIssues(parsed.error)));
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
  // A new version effective the same day as an adopted one would take over every date that
  // version governed (of versions effective the same day, the last adopted is in force), and
  // tallies recorded under it would no longer be audited against it.
  const sameDay = history.find((adopted) => adopted.effectiveFrom === catalogue.effectiveFrom);
  if (sameDay !== undefined) {
    return E.left(
      refuse.catalogueRejected([
        {
          path: '/effectiveFrom',
          message: `version ${sameDay.version} already takes effect on ${catalogue.effectiveFrom}: a new version takes effect on a later day, after the last date recorded under ${sameDay.version}`,
        },
      ]),
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
