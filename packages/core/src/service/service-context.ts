import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { Clock } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { Random } from '../ports/random.js';
import type { KeyRing } from './key-ring.js';
import type { StreamWriter } from './stream-writer.js';

/** What the parts of the command service share. */
export interface ServiceContext {
  readonly store: EventStore;
  readonly writer: StreamWriter;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly random: Random;
  readonly catalogueId: string;
  /** The catalogue's adopted versions, caught up with the store. */
  catalogues(): Promise<CatalogueHistory>;
}
