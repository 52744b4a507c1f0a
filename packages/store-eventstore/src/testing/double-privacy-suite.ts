import { privacyContract } from '@pinnstatistik/core/testing';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import type { EventStoreDbClientKind } from '../client-seam.js';
import { combinationsOf, storeOnDouble } from './double-clients.js';

/**
 * Registers, for one client package, the privacy contract (the full command service: sealing
 * that crashes part-way, a crash between recording a seal and destroying its key, two sessions
 * racing for a series' last place) over the gRPC double, on both append paths, with keys in
 * memory. One package per test file (see `clientFor`).
 */
export function describePrivacyOverDouble(client: EventStoreDbClientKind): void {
  for (const combination of combinationsOf(client)) {
    const other = combination.appendPath === 'BatchAppend' ? 'Append' : 'BatchAppend';
    describe(`EventStoreDB store (${client}, ${combination.appendPath} path, over the gRPC double): the privacy contract`, () => {
      for (const contractCase of privacyContract()) {
        it(contractCase.name, () =>
          contractCase.run(async () => {
            const { double, store, dispose } = await storeOnDouble(combination);
            return {
              store,
              keys: createMemoryKeyStore(),
              async dispose() {
                await dispose();
                expect(double.calls.get(combination.appendPath), 'the store appended').toBeGreaterThan(0);
                expect(double.calls.get(other) ?? 0, `an append took the ${other} path`).toBe(0);
              },
            };
          }),
        );
      }
    });
  }
}
