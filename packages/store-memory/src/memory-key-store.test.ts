import { seededRandom } from '@pinnstatistik/core';
import { keyStoreContract } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from './memory-key-store.js';

describe('memory key store: the key-store contract', () => {
  for (const contractCase of keyStoreContract()) {
    it(contractCase.name, () => contractCase.run(async () => ({ keys: createMemoryKeyStore() })));
  }
});

describe('memory key store', () => {
  it('creates a 256-bit key once and returns the same key after', async () => {
    const keys = createMemoryKeyStore();
    const key = await keys.create('period-2025-01');
    expect(key).toHaveLength(32);
    expect(await keys.create('period-2025-01')).toEqual(key);
    expect(await keys.get('period-2025-01')).toEqual(key);
  });

  it('destroys a key for good, overwriting the bytes it handed out', async () => {
    const keys = createMemoryKeyStore(seededRandom(1));
    const key = await keys.create('k');
    await keys.destroy('k');
    expect(await keys.get('k')).toBeUndefined();
    expect([...key].every((byte) => byte === 0)).toBe(true);
    await expect(keys.destroy('k')).resolves.toEqual({ outcome: 'verified' });
  });
});
