import { isIntegrityError, refuse } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { it, expect, vi } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, right, serviceOn, uuid, voiding } from './sheet-fixture.js';

it('debug', async () => {
  for (const offset of [13, 16]) {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const a = await serviceOn(store, keys);
    let log: string[] = [];
    const spied = { ...store, readStream: async function* (stream: string, options?: { fromRevision?: number; limit?: number }) {
      let n = 0;
      for await (const e of store.readStream(stream, options)) { n += 1; yield e; }
      log.push(`read ${stream.slice(0, 16)} ${JSON.stringify(options)} -> ${n}`);
    } };
    const b = await serviceOn(spied as typeof store, keys);
    const receipts = [];
    for (let n = 1; n <= 4; n += 1) receipts.push(right(await b.tally(contact(n))));
    const spy = vi.spyOn(refuse, 'tallyNotFound').mockImplementation(function (this: unknown, ...args: unknown[]) {
      console.log(new Error('tallyNotFound').stack);
      spy.mockRestore();
      return (refuse.tallyNotFound as (...a: unknown[]) => never)(...args);
    });
    log = [];
    const sealing = a.sealPeriod({ type: 'SealPeriod', commandId: uuid(5_000), period: '2025-03' });
    for (let k = 0; k < offset; k += 1) await Promise.resolve();
    const answer = await b.tally(voiding(1_000, (receipts[1] as { tallyId: string }).tallyId)).then(
      (r) => (E.isLeft(r) ? r.left.code : 'written'),
      (e: unknown) => (isIntegrityError(e) ? `integrity ${JSON.stringify((e as {finding?: unknown}).finding ?? (e as Error).message)}` : `thrown ${(e as Error).stack}`),
    );
    spy.mockRestore();
    await sealing;
    console.log(offset, answer, log.join('\n'));
  }
  expect(true).toBe(true);
}, 300_000);
