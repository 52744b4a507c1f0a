import { GENESIS_HASH } from '../envelope/event-hash.js';
import { deriveEventId, keyedEventId } from '../envelope/event-id.js';
import type { EventMeta } from '../envelope/inner-record.js';
import { sealEvent } from '../envelope/seal-event.js';
import type { JsonValue } from '../json.js';
import type { EventToAppend } from '../ports/event-store.js';
import { privateStreamOf } from '../streams.js';
import type { LoadedStream } from './loaded-stream.js';
import type { Plan } from './writer-command.js';

/** A plan's events sealed and chained after a loaded stream's last event. */
export interface SealedPlan {
  readonly events: readonly EventToAppend[];
  /** The revision of the last event. */
  readonly revision: number;
  /** The hash of the last event (the stream's new chain link). */
  readonly prev: Uint8Array;
  /** Each event's chain hash, in order. */
  readonly hashes: readonly Uint8Array[];
}

/**
 * Seals a plan's events (encrypted for private streams) and chains them after `loaded`;
 * `undefined` when the plan's key has been forgotten (its stream sealed or closed, here or
 * elsewhere): its subkeys are zeroed, and nothing is ever sealed or named with them.
 */
export function sealPlan<State>(
  loaded: LoadedStream<State>,
  plan: Plan<{ readonly type: string; readonly data: unknown }>,
  catalogueId: string,
): SealedPlan | undefined {
  if (plan.privacy?.key.forgotten === true) return undefined;
  const { stream } = loaded;
  // Readers refuse a clear event in a private stream (`openEvent`): never write one.
  if (plan.privacy === undefined && privateStreamOf(stream) !== undefined)
    throw new Error(`a plan for the private stream ${stream} has no key to seal it with`);
  let prev = loaded.link?.hash ?? GENESIS_HASH;
  let revision = loaded.link === undefined ? -1 : loaded.link.revision;
  const privacy = plan.privacy === undefined ? undefined : plan.privacy.key.privacy(plan.privacy.kind);
  const meta: EventMeta = {
    commandId: plan.commandId,
    ...(plan.correlationId === undefined ? {} : { correlationId: plan.correlationId }),
    ...(plan.causationId === undefined ? {} : { causationId: plan.causationId }),
    ...(plan.privacy === undefined ? { catalogueId } : {}),
    ...(plan.catalogueVersion === undefined ? {} : { catalogueVersion: plan.catalogueVersion }),
    ...(plan.digest === undefined ? {} : { digest: plan.digest }),
  };
  const hashes: Uint8Array[] = [];
  const events: EventToAppend[] = plan.events.map((event, index) => {
    revision += 1;
    const id =
      plan.privacy === undefined
        ? deriveEventId(plan.commandId, stream, index)
        : keyedEventId(plan.privacy.key.naming, plan.commandId, index);
    const sealed = sealEvent(
      stream,
      revision,
      prev,
      { id, type: event.type, data: event.data as JsonValue, meta },
      privacy,
    );
    prev = sealed.hash;
    hashes.push(sealed.hash);
    return sealed.event;
  });
  return { events, revision, prev, hashes };
}
