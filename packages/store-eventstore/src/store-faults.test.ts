import { isStoreUnavailable } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { storeFault, withDeadline } from './store-faults.js';

describe('store faults', () => {
  it('turn connection faults of either client into StoreUnavailable, with the outcome the adapter can know', () => {
    const refused = {
      type: 'unavailable',
      message: '14 UNAVAILABLE: No connection established. Last error: …',
    };
    const dropped = { type: 'unavailable', message: '14 UNAVAILABLE: Connection dropped' };
    const rawRefused = { code: 14, details: 'No connection established. Last error: connect ECONNREFUSED' };
    const rawDropped = { code: 14, details: 'Connection dropped' };
    expect(storeFault(refused, 'an append', true)?.outcome).toBe('not-written');
    expect(storeFault(rawRefused, 'an append', true)?.outcome).toBe('not-written');
    expect(storeFault({ type: 'not-leader' }, 'an append', true)?.outcome).toBe('not-written');
    for (const error of [
      dropped,
      rawDropped,
      { type: 'deadline-exceeded' },
      { type: 'cancelled' },
      { type: 'timeout' },
    ]) {
      expect(storeFault(error, 'an append', true)?.outcome).toBe('unknown');
      expect(storeFault(error, 'a read', false)?.outcome).toBe('not-written');
    }
    const fault = storeFault(dropped, 'an append', true);
    expect(isStoreUnavailable(fault)).toBe(true);
    expect(fault?.cause).toBe(dropped);
  });

  it('leave answers about the data and programmer errors alone', () => {
    for (const error of [
      { type: 'wrong-expected-version' },
      { type: 'stream-deleted' },
      { type: 'access-denied' },
      { code: 3, details: 'invalid argument' },
      new TypeError('bad'),
      undefined,
    ]) {
      expect(storeFault(error, 'an append', true)).toBeUndefined();
    }
  });

  it('fail a call that never answers once its deadline passes, abandoning it', async () => {
    let abandoned = false;
    const never = new Promise<never>(() => undefined);
    const started = performance.now();
    const error = await withDeadline(never, 30, 'an append', true, () => {
      abandoned = true;
    }).catch((thrown: unknown) => thrown);
    expect(isStoreUnavailable(error) && error.outcome).toBe('unknown');
    expect(abandoned).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    await expect(withDeadline(Promise.resolve(7), 30, 'a read', false)).resolves.toBe(7);
  });
});
