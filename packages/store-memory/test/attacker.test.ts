import { attackerSuite } from '@pinnstatistik/core/testing';
import { afterAll, describe, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

// The attacker holds every byte the memory store keeps (its buffers, names and types), never
// a destroyed key. The key store lives apart, as the library recommends.
const suite = attackerSuite(async () => {
  const store = createMemoryEventStore();
  return { store, keys: createMemoryKeyStore(), raw: async () => store.storedBytes(), tombstoneCopies: 1 };
});

describe('an attacker with a copy of the memory store', () => {
  afterAll(async () => {
    console.log('attacker figures (memory):', JSON.stringify(suite.figures()));
    await suite.dispose();
  });
  for (const attack of suite.cases) it(attack.name, () => attack.run(), 240_000);
});
