import type { EventStore } from '../ports/event-store.js';
import { tallySheetStream } from '../streams.js';
import { IntegrityError } from './integrity-error.js';
import type { OpenKey } from './key-ring.js';
import { isGone } from './verified-read.js';

/**
 * Throws {@link IntegrityError} when the month's detail stream holds events that its registry
 * does not name. The seal shreds and counts only what the registry names, so a registration
 * removed from it (one row deleted and the registry re-chained: no key needed) would seal the
 * month without its tallies, destroy its key and leave the detail in the store for good
 * (attack 25). The month's stream name is derived from its key, so the registry is not needed
 * to find it.
 */
export async function requireRegisteredDetail(
  store: EventStore,
  period: string,
  key: OpenKey,
  registry: { readonly stream: string; readonly registered: ReadonlyMap<string, unknown> },
): Promise<void> {
  const stream = tallySheetStream({ period }, key.naming);
  if (registry.registered.has(stream) || (await isGone(store, stream))) return;
  throw new IntegrityError({
    code: 'CHAIN_REVISION_GAP',
    stream: registry.stream,
    revision: -1,
    position: '',
    message: `the month's detail holds events its registry does not name: a registration was removed from the registry`,
  });
}
