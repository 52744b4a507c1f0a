import { readAllInPages } from '@pinnstatistik/core';
import { collect, eventStoreContract } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from './memory-event-store.js';

describe('memory event store: the store contract', () => {
  for (const contractCase of eventStoreContract()) {
    it(contractCase.name, () => contractCase.run(async () => ({ store: createMemoryEventStore() })));
  }
});

describe('memory event store', () => {
  it('stores a copy of the bytes, so a caller changing its buffers after the append changes nothing stored', async () => {
    const store = createMemoryEventStore();
    const data = Uint8Array.of(1, 2, 3);
    const metadata = Uint8Array.of(9);
    await store.append('s', [{ id: 'a', type: 'T', data, metadata }], { expected: 'no-stream' });
    data[0] = 99;
    metadata[0] = 99;
    const [event] = await collect(store.readStream('s'));
    expect([...(event?.data ?? [])]).toEqual([1, 2, 3]);
    expect([...(event?.metadata ?? [])]).toEqual([9]);
  });

  it("overwrites a deleted stream's bytes with zeros: nothing of them stays in memory", async () => {
    const store = createMemoryEventStore();
    const secret = new TextEncoder().encode('a-secret-that-must-go');
    await store.append('doomed', [{ id: 'a', type: 'T', data: secret, metadata: secret }], {
      expected: 'no-stream',
    });
    await store.append('kept', [{ id: 'b', type: 'T', data: Uint8Array.of(7), metadata: Uint8Array.of(7) }], {
      expected: 'no-stream',
    });
    const held = () => Buffer.concat(store.storedBytes()).toString('latin1');
    expect(held()).toContain('a-secret-that-must-go');
    await store.deleteStreams(['doomed']);
    expect(held()).not.toContain('a-secret-that-must-go');
    expect(held()).toContain('doomed'); // the name stays, as a tombstone: nothing can revive the stream
  });

  it('wipes a deleted stream from the events read before too: a reader holding one keeps no copy of it', async () => {
    // Events are views of the stored bytes, not copies: so the deletion reaches an event a
    // reader still holds (a projection that awaited between reading and opening it reads zeros,
    // and must copy what it keeps; see the port's deleteStreams). Against a store handing out
    // copies, the held event kept the secret after the deletion.
    const store = createMemoryEventStore();
    const secret = new TextEncoder().encode('a-secret-that-must-go');
    await store.append('doomed', [{ id: 'a', type: 'T', data: secret, metadata: secret }], {
      expected: 'no-stream',
    });
    const [held] = await collect(store.readStream('doomed'));
    const [paged] = (await collect(readAllInPages(store))).flat();
    const copied = Uint8Array.from(held?.data ?? []);
    await store.deleteStreams(['doomed']);
    for (const event of [held, paged]) {
      expect(Buffer.from(event?.data ?? []).toString('latin1')).not.toContain('a-secret');
      expect(Buffer.from(event?.metadata ?? []).toString('latin1')).not.toContain('a-secret');
    }
    expect(new TextDecoder().decode(copied)).toBe('a-secret-that-must-go'); // what the reader copied is its own
    expect(await collect(store.readStream('doomed'))).toEqual([]);
  });

  it('rejects a position it did not issue as a programmer error', async () => {
    const store = createMemoryEventStore();
    await expect(collect(store.readAll({ after: 'C:1/P:1' }))).rejects.toThrow(TypeError);
  });

  it('keeps appending across many streams with positions strictly increasing', async () => {
    const store = createMemoryEventStore();
    let last = 0;
    for (let index = 0; index < 2_000; index += 1) {
      const result = await store.append(
        `s-${index % 37}`,
        [{ id: `e${index}`, type: 'T', data: Uint8Array.of(index % 256), metadata: Uint8Array.of(1) }],
        {
          expected: 'any',
        },
      );
      if (E.isLeft(result)) throw new Error('append failed');
      expect(Number(result.right.position)).toBeGreaterThan(last);
      last = Number(result.right.position);
    }
    expect(store.size).toBe(2_000);
  });
});
