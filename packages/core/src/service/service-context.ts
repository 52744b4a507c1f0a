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

/** A uniformly random number in [0, 1) from the `Random` port (53 bits). */
export function randomUnit(random: Random): number {
  const bytes = random.bytes(7);
  // 5 + 6 × 8 = 53 bits: every double in [0, 1) with that spacing is equally likely.
  let value = (bytes[0] ?? 0) & 0x1f;
  for (const byte of bytes.subarray(1)) value = value * 256 + byte;
  return value / 2 ** 53;
}
