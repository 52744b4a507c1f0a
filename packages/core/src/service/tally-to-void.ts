import { openEvent, type SealerFor } from '../envelope/open-event.js';
import type { EventStore } from '../ports/event-store.js';
import type { VoidableTally } from '../tally/events.js';
import { emptyTallyIndex, type TallyIndex, withTally, withVoided } from '../tally/tally-sheet-state.js';
import { type LoadedSheet, tallyCandidates } from './kept-sheet.js';
import { readVerified } from './verified-read.js';

const TALLY_TYPES: ReadonlySet<string> = new Set([
  'ContactTallied',
  'GroupMeetingTallied',
  'VisitorsTallied',
]);

/** The event at `revision`, read back verified and opened: its type and data when it is readable. */
async function readBack(
  store: EventStore,
  loaded: LoadedSheet,
  sealerFor: SealerFor,
  revision: number,
): Promise<{ readonly type: string; readonly data: { readonly tallyId?: unknown } } | undefined> {
  const [recorded] = await readVerified(store, loaded.stream, loaded.receipts.hashes, revision, 1);
  if (recorded === undefined) return undefined;
  const opened = openEvent(recorded, sealerFor);
  return opened.readable ? { type: opened.type, data: opened.data as { tallyId?: unknown } } : undefined;
}

/**
 * What a void of `tallyId` needs to be decided: the tally, read back from the store (the
 * service keeps where tallies are, not the tallies), and whether a later void voided it — as
 * the decider's index of that one tally; empty when it is not on the sheet. Every candidate the
 * kept fingerprints name is confirmed by its full id in the event read back.
 */
export async function readTallyToVoid(
  store: EventStore,
  loaded: LoadedSheet,
  sealerFor: SealerFor,
  tallyId: string,
): Promise<TallyIndex> {
  const candidates = tallyCandidates(loaded.state, tallyId);
  let found: { readonly tally: VoidableTally; readonly revision: number } | undefined;
  // Newest first: a tally id written again replaces the earlier tally, as the decider's index does.
  for (const revision of candidates.tallies.reverse()) {
    const event = await readBack(store, loaded, sealerFor, revision);
    if (event !== undefined && TALLY_TYPES.has(event.type) && event.data.tallyId === tallyId) {
      found = { tally: event as unknown as VoidableTally, revision };
      break;
    }
  }
  if (found === undefined) return emptyTallyIndex;
  const index = withTally(emptyTallyIndex, found.tally);
  for (const revision of candidates.voids) {
    if (revision < found.revision) continue;
    const event = await readBack(store, loaded, sealerFor, revision);
    if (event?.type === 'TallyVoided' && event.data.tallyId === tallyId) return withVoided(index, tallyId);
  }
  return index;
}
