import * as E from 'fp-ts/lib/Either.js';
import { readHeader } from '../../envelope/envelope-header.js';
import { GENESIS_HASH } from '../../envelope/event-hash.js';
import { type EventDraft, sealEvent } from '../../envelope/seal-event.js';
import type { EventStore } from '../../ports/event-store.js';

/** A plain event a keyless writer forges: its id, type, data and, optionally, its meta. */
export interface ForgedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly meta?: Record<string, unknown>;
}

/**
 * What anyone who can write to the event store — and holds no key — can append: plain (clear)
 * events, chained after the stream's last event (hash chains need no key). For attack tests of
 * what the library does with events it did not write; throws if the store refuses the append.
 */
export async function appendKeyless(
  store: EventStore,
  stream: string,
  events: readonly ForgedEvent[],
): Promise<void> {
  let last: { revision: number; hash: Uint8Array } | undefined;
  for await (const event of store.readStream(stream, { direction: 'backwards', limit: 1 })) {
    const hash = readHeader(event.metadata)?.hash;
    if (hash === undefined) throw new Error(`the last event of ${stream} has no envelope header`);
    last = { revision: event.revision, hash };
  }
  let revision = last === undefined ? 0 : last.revision + 1;
  let previous = last?.hash ?? GENESIS_HASH;
  for (const forged of events) {
    const draft = { meta: { commandId: `forged\u0000${forged.id}` }, ...forged } as unknown as EventDraft;
    const sealed = sealEvent(stream, revision, previous, draft);
    const appended = await store.append(stream, [sealed.event], {
      expected: revision === 0 ? 'no-stream' : revision - 1,
    });
    if (E.isLeft(appended)) throw new Error(`the store refused a forged event: ${appended.left.code}`);
    previous = sealed.hash;
    revision += 1;
  }
}
