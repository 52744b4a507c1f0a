import type { EventStore } from '@pinnstatistik/core';
import type { Projection } from '@pinnstatistik/projections';

/**
 * An auditor's replay of sealed periods: only the catalogue stream and the period streams,
 * whose `SheetSealed` tables carry everything that stays. Detail streams are never read —
 * after sealing they are ciphertext under destroyed keys — so the cost follows the number of
 * sheets, not the number of tallies. Public API only: `readStream` and the projection.
 */
export async function replayStreams<State>(
  store: EventStore,
  projection: Projection<State>,
  streams: readonly string[],
): Promise<{ state: State; events: number }> {
  let state = projection.initial();
  let events = 0;
  for (const stream of streams) {
    for await (const event of store.readStream(stream)) {
      state = await projection.apply(state, event);
      events += 1;
    }
  }
  return { state, events };
}
