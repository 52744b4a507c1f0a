import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import { emptyKeptSheet, evolveKeptSheet, type LoadedSheet } from './kept-sheet.js';
import { catchUp, emptyStream } from './loaded-stream.js';
import { sealerOf } from './sealer-of.js';
import type { ServiceContext } from './service-context.js';
import type { OpenSheet, SheetCache } from './sheet-cache.js';
import { createSheetReceipts } from './sheet-receipts.js';

/** Loads a sheet's detail stream with its key, decided with the catalogues given (or the service's). */
export type SheetLoader = (sheet: OpenSheet, known?: CatalogueHistory) => Promise<LoadedSheet>;

/** A sheet as decided with these catalogues (the ones its command was parsed with). */
export function withCatalogues(loaded: LoadedSheet, catalogues: CatalogueHistory): LoadedSheet {
  return loaded.state.catalogues === catalogues
    ? loaded
    : { ...loaded, state: { ...loaded.state, catalogues } };
}

/** Loads sheets from where the cache left them, catching up with the store. */
export function createSheetLoader(context: ServiceContext, cache: SheetCache): SheetLoader {
  return async (sheet, known) => {
    const catalogues = known ?? (await context.catalogues());
    const sealerFor = sealerOf(sheet.key);
    const cached =
      cache.loaded(sheet.stream) ??
      emptyStream(
        sheet.stream,
        emptyKeptSheet(),
        createSheetReceipts(context.store, sheet.stream, sealerFor),
      );
    const loaded = await catchUp(context.store, cached, sealerFor, evolveKeptSheet);
    const current = withCatalogues(loaded, catalogues);
    cache.remember(current);
    return current;
  };
}
