import type { EventToAppend, RecordedEvent } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../src/projection.js';
import { replay } from '../src/runner/replay.js';

// "As of a position" is a point in the log: a position noted before a seal (e.g. with a
// published report) whose event was deleted since must still stop the replay there.

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const event = (n: number): EventToAppend => ({
  id: uuid(n),
  type: 'Noted',
  data: new Uint8Array([n % 256]),
  metadata: new Uint8Array(0),
});
const ids: Projection<string[]> = {
  name: 'ids',
  version: 'ids/1',
  initial: () => [],
  apply: (state, recorded: RecordedEvent) => {
    state.push(recorded.id);
    return state;
  },
  snapshot: (state) => state,
  restore: (snapshot) => snapshot as string[],
};

describe('replay as of a position whose event was deleted since', () => {
  it('folds the events up to that position, none after it', async () => {
    const store = createMemoryEventStore();
    await store.append('kept', [event(1)], { expected: 'no-stream' });
    await store.append('sheet', [event(2)], { expected: 'no-stream' });
    await store.append('kept', [event(3)], { expected: 0 });
    const [, noted] = (await replay(store, ids)).state.map((id, index) => ({ id, index }));
    expect(noted?.id).toBe(uuid(2));
    let position: string | undefined;
    for await (const recorded of store.readAll()) if (recorded.id === uuid(2)) position = recorded.position;
    await store.deleteStreams(['sheet']);

    const asOf = await replay(store, ids, { asOf: { position: position as string } });
    expect(asOf.state).toEqual([uuid(1)]);
    expect(asOf.events).toBe(1);
  });

  it('stops exactly at a kept position across pages, with progress as before', async () => {
    const store = createMemoryEventStore();
    const total = 9_000;
    for (let n = 0; n < total; n += 100)
      await store.append(
        'kept',
        Array.from({ length: 100 }, (_, k) => event(n + k)),
        { expected: n === 0 ? 'no-stream' : n - 1 },
      );
    const positions: string[] = [];
    for await (const recorded of store.readAll()) positions.push(recorded.position);
    const progress: number[] = [];
    const asOf = await replay(store, ids, {
      asOf: { position: positions[5_000] as string },
      progressEvery: 1_000,
      onProgress: (events) => progress.push(events),
    });
    expect(asOf.events).toBe(5_001);
    expect(asOf.position).toBe(positions[5_000]);
    expect(asOf.state.at(-1)).toBe(uuid(5_000));
    expect(progress).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
  });
});
