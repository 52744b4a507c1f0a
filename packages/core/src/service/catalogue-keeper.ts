import * as E from 'fp-ts/lib/Either.js';
import { type AdoptCatalogue, AdoptCatalogueSchema, catalogueDecider } from '../catalogue/adopt-catalogue.js';
import type { CatalogueInput } from '../catalogue/catalogue.js';
import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import { catalogueVocabulary } from '../input/guard-vocabulary.js';
import { toHex } from '../merkle/encoding.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { catalogueStream } from '../streams.js';
import type { CatalogueAdopted } from '../tally/events.js';
import { parseInput } from '../tally/parse-tally-command.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { Receipt } from './receipt.js';
import { registerStoreOrigin } from './store-origin.js';
import type { StreamWriter } from './stream-writer.js';

/** Adopt a catalogue version: what callers send (the catalogue is validated at run time). */
export interface AdoptCatalogueInput {
  readonly type: 'AdoptCatalogue';
  readonly commandId: string;
  readonly catalogue: CatalogueInput;
}

/** The service's catalogue stream: its adopted versions, caught up on demand, and adoption. */
export function createCatalogueKeeper(
  store: EventStore,
  writer: StreamWriter,
  keys: KeyStore,
  catalogueId: string,
  recheckMs: number,
) {
  let catalogues: LoadedStream<CatalogueHistory> = emptyStream(
    catalogueStream(catalogueId),
    catalogueDecider.initialState,
  );
  // Read from the store when asked (adopting), else at most once per `recheckMs`: every command
  // consults the catalogues, and re-reading a stream that changes a few times a year would be a
  // round trip per command. Callers meanwhile share one read.
  let freshUntil = Number.NEGATIVE_INFINITY;
  let reading: Promise<LoadedStream<CatalogueHistory>> | undefined;
  // A read begun before an adoption here landed answers after it: it must not undo it.
  const keep = (loaded: LoadedStream<CatalogueHistory>): LoadedStream<CatalogueHistory> => {
    if ((loaded.link?.revision ?? -1) >= (catalogues.link?.revision ?? -1)) catalogues = loaded;
    return catalogues;
  };
  const refreshNow = (): Promise<LoadedStream<CatalogueHistory>> => {
    reading ??= catchUp(store, catalogues, () => undefined, catalogueDecider.evolve)
      .then((loaded) => {
        freshUntil = performance.now() + recheckMs;
        return keep(loaded);
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const refresh = async (): Promise<LoadedStream<CatalogueHistory>> =>
    performance.now() < freshUntil ? catalogues : refreshNow();

  const adoptCatalogue = async (input: AdoptCatalogueInput): Promise<E.Either<Refusal, Receipt>> => {
    const parsed = parseInput(AdoptCatalogueSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const command: AdoptCatalogue = parsed.right;
    const catalogue = command.catalogue as { id?: unknown } | null;
    if (typeof catalogue === 'object' && catalogue !== null && catalogue.id !== catalogueId) {
      return E.left(
        refuse.catalogueRejected([
          { path: '/catalogue/id', message: `this service keeps catalogue "${catalogueId}"` },
        ]),
      );
    }
    return writer.run({
      commandId: command.commandId,
      load: refreshNow,
      decide: (loaded) =>
        E.map((events: readonly CatalogueAdopted[]) => ({ commandId: command.commandId, events }))(
          catalogueDecider.decide(command, loaded.state),
        ),
      evolve: catalogueDecider.evolve,
      remember: keep,
      // The stream's first event is the store's origin: the key store learns it before it exists
      // (a crash between leaves an unused slot), so a re-chained stream shows as unknown (attack 42).
      beforeAppend: async (hashes, firstRevision) => {
        const first = hashes[0];
        if (firstRevision === 0 && first !== undefined) await registerStoreOrigin(keys, toHex(first));
      },
    });
  };

  // The words of every adopted version, computed once per history (a new adoption makes a new one).
  let words: { readonly history: CatalogueHistory; readonly vocabulary: ReadonlySet<string> } | undefined;
  const vocabulary = async (): Promise<ReadonlySet<string>> => {
    const history = (await refresh()).state;
    if (words?.history !== history) {
      const union = new Set<string>();
      for (const catalogue of history) for (const word of catalogueVocabulary(catalogue)) union.add(word);
      words = { history, vocabulary: union };
    }
    return words.vocabulary;
  };

  return { adoptCatalogue, history: async () => (await refresh()).state, vocabulary };
}
