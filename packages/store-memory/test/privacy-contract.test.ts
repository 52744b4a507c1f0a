import { privacyContract } from '@pinnstatistik/core/testing';
import { describe, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

describe('memory stores: the privacy contract', () => {
  for (const contractCase of privacyContract()) {
    it(contractCase.name, () =>
      contractCase.run(async () => ({ store: createMemoryEventStore(), keys: createMemoryKeyStore() })),
    );
  }
});
