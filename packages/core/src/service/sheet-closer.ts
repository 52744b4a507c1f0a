import { type ChainFinding, type ChainLink, checkLink } from '../envelope/chain-verifier.js';
import { hashHex } from '../envelope/event-hash.js';
import { openEvent } from '../envelope/open-event.js';
import type { RecordedEvent } from '../ports/event-store.js';
import type { DeletedStream } from '../sealing/period-events.js';
import type { SheetClosed, SheetDetailEvent } from '../tally/events.js';
import { sleep } from './backoff.js';
import { IntegrityError } from './integrity-error.js';
import { evolveKeptSheet } from './kept-sheet.js';
import { folded } from './loaded-stream.js';
import { sealerOf } from './sealer-of.js';
import type { ServiceContext } from './service-context.js';
import type { OpenSheet } from './sheet-cache.js';
import type { TallyRecorder } from './tally-recorder.js';

/** A closed sheet: every detail event on it, opened, and what the seal keeps of its stream. */
export interface ClosedSheet {
  readonly events: readonly SheetDetailEvent[];
  readonly head: DeletedStream;
}

const copied = (recorded: RecordedEvent): ChainFinding => ({
  code: 'CHAIN_HASH_MISMATCH',
  stream: recorded.stream,
  revision: recorded.revision,
  position: recorded.position,
  message: 'an event id met twice in one stream: an event was copied and the chain recomputed',
});

/**
 * Closes a sheet for writing (`SheetClosed`, unless it is closed already) and reads back every
 * detail event on it. A tally that gets in first makes the close retry: it will be in the tables.
 */
export async function closeSheet(
  context: ServiceContext,
  recorder: TallyRecorder,
  sheet: OpenSheet,
): Promise<ClosedSheet> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (attempt > 0) await sleep(Math.random() * Math.min(200, 2 ** attempt));
    const loaded = await recorder.loadSheet(sheet);
    if (!loaded.state.closed) {
      const closing: SheetClosed = { type: 'SheetClosed', data: sheet.coordinates };
      const appended = await context.writer.append(
        loaded,
        recorder.sheetPlan(sheet, `close\u0000${sheet.stream}`, [closing]),
        evolveKeptSheet,
      );
      if (appended.kind === 'deleted')
        throw new Error(`sheet ${sheet.stream} was deleted before its period was sealed`);
      if (appended.kind === 'conflict') continue;
    }
    const events: SheetDetailEvent[] = [];
    // A store keeps one event per id in a stream (its idempotency), so an id met twice is a
    // genuine sealed event copied by someone who needs no key to re-chain it: the seal would
    // count the tally twice (attack 25). The seal reads the whole month once: a set of its ids.
    const ids = new Set<string>();
    let link: ChainLink | undefined;
    for await (const recorded of context.store.readStream(sheet.stream)) {
      const finding =
        checkLink(recorded, link, sheet.stream) ?? (ids.has(recorded.id) ? copied(recorded) : undefined);
      if (finding !== undefined) throw new IntegrityError(finding);
      ids.add(recorded.id);
      const opened = openEvent(recorded, sealerOf(sheet.key));
      events.push(folded(opened) as unknown as SheetDetailEvent);
      link = { revision: recorded.revision, hash: opened.hash };
    }
    if (link === undefined) throw new Error(`sheet ${sheet.stream} is empty after it was closed`);
    return { events, head: { stream: sheet.stream, size: link.revision + 1, head: hashHex(link.hash) } };
  }
  throw new Error(`could not close sheet ${sheet.stream}: too many concurrent writers`);
}
