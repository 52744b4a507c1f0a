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
import { markCatalogueVersionsRegistered, registerCatalogueVersion } from './catalogue-versions.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { Receipt } from './receipt.js';
import { registerStoreOrigin } from './store-origin.js';
import type { StreamWriter } from './stream-writer.js';
import { type VettedCatalogueStream, vetCatalogueStream } from './vetted-catalogues.js';

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
  // The versions the key store vouches for, by the stream state they were read for (below).
  let vetted:
    | { readonly state: CatalogueHistory; readonly stream: Promise<VettedCatalogueStream> }
    | undefined;

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
        // What the key store vouches for is read again too: the operator's registration of a store
        // changes it without changing the stream (attack 46, finding 5).
        vetted = undefined;
        return keep(loaded);
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const refresh = async (): Promise<LoadedStream<CatalogueHistory>> =>
    performance.now() < freshUntil ? catalogues : refreshNow();

  // The versions the key store vouches for, read again whenever the stream is (at most once per
  // `recheckMs`): a version chained in by anyone who can write to the store is not one the service
  // records under (attack 44, round 2). A failed read is not kept.
  const vouchedFor = (state: CatalogueHistory): Promise<VettedCatalogueStream> => {
    if (vetted?.state !== state) {
      const reading = vetCatalogueStream(store, keys, catalogueId);
      vetted = { state, stream: reading };
      reading.catch(() => {
        if (vetted?.stream === reading) vetted = undefined;
      });
    }
    return vetted.stream;
  };
  const history = async (): Promise<CatalogueHistory> => (await vouchedFor((await refresh()).state)).versions;

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
    const outcome = await writer.run({
      commandId: command.commandId,
      load: refreshNow,
      // Decided against the versions the key store vouches for: a forged version squatting the
      // number or the day of the operator's next one must not refuse it.
      // A stream the key store does not know (begun by someone else) is refused, not adopted into:
      // nothing in it would be in force, and the operator would not be told (attack 46, finding 4).
      decide: async (loaded) => {
        const vouched = await vouchedFor(loaded.state);
        if (vouched.standing === 'unknown') return E.left(refuse.catalogueNotRegistered());
        return E.map((events: readonly CatalogueAdopted[]) => ({ commandId: command.commandId, events }))(
          catalogueDecider.decide(command, vouched.versions),
        );
      },
      evolve: catalogueDecider.evolve,
      remember: keep,
      // The key store learns each version before it exists (a crash between leaves an unused
      // slot), so readers holding the keys fold no version appended by anyone else (attack 44,
      // round 2). The stream's first event is the store's origin: registered too, so a re-chained
      // stream shows as unknown (attack 42), and marked as a store whose every version is registered.
      beforeAppend: async (hashes, firstRevision) => {
        for (const hash of hashes) await registerCatalogueVersion(keys, toHex(hash));
        const first = hashes[0];
        if (firstRevision === 0 && first !== undefined) {
          await registerStoreOrigin(keys, toHex(first));
          await markCatalogueVersionsRegistered(keys, toHex(first));
        }
      },
    });
    return E.isRight(outcome) ? answeredByVouched(outcome.right) : outcome;
  };

  // A receipt answers the command only if the key store vouches for its events: anyone who can
  // write to the store can chain in an event bearing the operator's next command id, whose receipt
  // would report an adoption that never happened (attack 46, finding 10). The events of this
  // command's own append were registered before they were written.
  const answeredByVouched = async (receipt: Receipt): Promise<E.Either<Refusal, Receipt>> => {
    if (receipt.eventIds.length === 0) return E.right(receipt);
    const { eventIds } = await vouchedFor(catalogues.state);
    return receipt.eventIds.every((id) => eventIds.has(id))
      ? E.right(receipt)
      : E.left(refuse.commandIdTaken());
  };

  // The words of every vouched-for version, computed once per history (a new adoption makes a new one).
  let words: { readonly history: CatalogueHistory; readonly vocabulary: ReadonlySet<string> } | undefined;
  const vocabulary = async (): Promise<ReadonlySet<string>> => {
    const versions = await history();
    if (words?.history !== versions) {
      const union = new Set<string>();
      for (const catalogue of versions) for (const word of catalogueVocabulary(catalogue)) union.add(word);
      words = { history: versions, vocabulary: union };
    }
    return words.vocabulary;
  };

  return { adoptCatalogue, history, vocabulary };
}
