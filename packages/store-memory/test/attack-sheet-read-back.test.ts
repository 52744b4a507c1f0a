import {
  createCommandService,
  type EventStore,
  isIntegrityError,
  type RecordedEvent,
} from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { clock, contact, right, serviceOn, voiding } from './sheet-fixture.js';

// The attacker can rewrite the store under a running service, after it verified a sheet: they
// swap two stored tallies of the sheet, whole (id, payload and header: each still opens under
// the month's key, and each hash chain link is one the store once held). The service reads old
// tallies back from the store for voids and retries; it must notice, not answer from what it
// reads — a void answered "not found", or a retried tally decided and counted again.

/** A store whose reads of one stream show the events at revisions `a` and `b` swapped, once armed. */
function swappingStore(inner: ReturnType<typeof createMemoryEventStore>) {
  let swap: { stream: string; a: number; b: number } | undefined;
  const store: EventStore = {
    ...inner,
    readStream: async function* (stream, options) {
      if (swap === undefined || stream !== swap.stream) {
        yield* inner.readStream(stream, options);
        return;
      }
      const all: RecordedEvent[] = [];
      for await (const event of inner.readStream(stream)) all.push(event);
      const { a, b } = swap;
      for await (const event of inner.readStream(stream, options)) {
        const other = event.revision === a ? all[b] : event.revision === b ? all[a] : undefined;
        yield other === undefined ? event : { ...other, revision: event.revision, position: event.position };
      }
    },
  };
  return { store, arm: (stream: string, a: number, b: number) => (swap = { stream, a, b }) };
}

async function sheetUnderAttack() {
  const inner = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const { store, arm } = swappingStore(inner);
  await serviceOn(inner, keys);
  const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
  const receipts = [];
  for (let n = 1; n <= 100; n += 1) receipts.push(right(await service.tally(contact(n))));
  const fifth = receipts[4] as (typeof receipts)[number];
  const sixth = receipts[5] as (typeof receipts)[number];
  arm(fifth.stream, fifth.revision, sixth.revision);
  return { inner, service, fifth };
}

describe('an attacker who swaps two stored tallies of a sheet the service has verified', () => {
  it('cannot make a void of one of them be refused as not found: the service reports the tampering', async () => {
    const { service, fifth } = await sheetUnderAttack();
    const failure = await service.tally(voiding(1_000, fifth.tallyId)).catch((error: unknown) => error);
    expect(isIntegrityError(failure)).toBe(true);
  });

  it('cannot make a retry of an old tally be decided again: the service reports the tampering', async () => {
    const { inner, service } = await sheetUnderAttack();
    const size = inner.size;
    // Command 5 is older than the receipts kept whole: its retry reads it back.
    const failure = await service.tally(contact(5)).catch((error: unknown) => error);
    expect(isIntegrityError(failure)).toBe(true);
    expect(inner.size).toBe(size);
  });
});
