import { isIntegrityError } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { it, expect } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, right, serviceOn, uuid, voiding } from './sheet-fixture.js';

it('scan', async () => {
  const seen = new Map<string, number[]>();
  for (let offset = 0; offset < 90; offset += 1) {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const a = await serviceOn(store, keys);
    const b = await serviceOn(store, keys);
    const receipts = [];
    for (let n = 1; n <= 4; n += 1) receipts.push(right(await b.tally(contact(n))));
    const sealing = a.sealPeriod({ type: 'SealPeriod', commandId: uuid(5_000), period: '2025-03' });
    for (let k = 0; k < offset; k += 1) await Promise.resolve();
    const answer = await b.tally(voiding(1_000, (receipts[1] as { tallyId: string }).tallyId)).then(
      (r) => (E.isLeft(r) ? r.left.code : 'written'),
      (e: unknown) => (isIntegrityError(e) ? 'integrity' : `thrown ${(e as Error).name}: ${(e as Error).message.slice(0, 80)}`),
    );
    await sealing;
    seen.set(answer, [...(seen.get(answer) ?? []), offset]);
  }
  console.log([...seen].map(([k, v]) => `${k}: ${v.length} at ${v}`).join('\n'));
  expect(true).toBe(true);
}, 300_000);
