import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { Clock } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import type { Random } from '../ports/random.js';
import type { KeyRing } from './key-ring.js';
import type { StreamWriter } from './stream-writer.js';

/** What the parts of the command service share. */
export interface ServiceContext {
  readonly store: EventStore;
  /** The key store itself, for what signs rather than seals (the log's checkpoints). */
  readonly keys: KeyStore;
  readonly writer: StreamWriter;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly random: Random;
  readonly catalogueId: string;
  /** The catalogue's adopted versions, caught up with the store. */
  catalogues(): Promise<CatalogueHistory>;
  /** The adopted catalogues' own words (ids and codes): equal input strings skip the guard's scan. */
  vocabulary(): Promise<ReadonlySet<string>>;
}
