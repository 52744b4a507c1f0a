import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// An auditor's tool replays the log once through a statistics projection and drops it. The
// projection derived each open month's subkey to read the detail; the collector frees that
// memory without clearing it, so an attacker reading the process's memory afterwards found the
// subkeys — which open every tally of the month. They are zeroed when the projection is
// collected; the key store's keys are untouched (the next replay reads the same numbers).
//
// Run in a plain Node process on the built packages, with `--expose-gc`: what a process keeps
// alive depends on its timers and module graph, which the test runner's workers change.

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const script = `
import { createAesGcmCipher, createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { replay, statisticsProjection } from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
const store = createMemoryEventStore();
const keys = createMemoryKeyStore();
const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: fixedClock('2025-12-31T12:00:00Z') });
await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: '00000000-0000-4000-8000-000000000999', catalogue: vaggerydCatalogue() });
const tallied = await service.tally({
  type: 'TallyContact', commandId: '00000000-0000-4000-8000-000000000001',
  interventionId: 'motesplats-uppsokande', unitId: 'motesplats', date: '2025-03-14', marks: { gender: 'male' },
});
if (tallied._tag !== 'Right') throw new Error('the tally was refused');
const contacts = (cube) => [...cube.sheets()].reduce((sum, sheet) => sum + sheet.tables.contacts, 0);
// The subkeys as the cipher was handed them: what a memory reader would look for.
const subkeys = [];
async function replayedAndDropped() {
  const aes = createAesGcmCipher();
  const cipher = {
    algorithm: aes.algorithm,
    encrypt: (key, plaintext, associatedData) => aes.encrypt(key, plaintext, associatedData),
    decrypt(key, sealed, associatedData, into) {
      if (!subkeys.includes(key)) subkeys.push(key);
      return aes.decrypt(key, sealed, associatedData, into);
    },
  };
  const { state } = await replay(store, statisticsProjection({ keys, ciphers: [cipher] }));
  return { watched: new WeakRef(cipher), read: contacts(state) };
}
const { watched, read } = await replayedAndDropped();
for (let round = 0; round < 20; round += 1) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  globalThis.gc();
}
const collected = watched.deref() === undefined;
const zeroed = subkeys.length > 0 && subkeys.every((key) => key.every((byte) => byte === 0));
const again = contacts((await replay(store, statisticsProjection({ keys }))).state);
console.log(JSON.stringify({ read, collected, zeroed, again }));
`;

describe('a statistics projection its user drops', () => {
  it('is collected with the subkeys it derived zeroed, and leaves the key store’s keys intact', () => {
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? '{}')).toEqual({
      read: 1,
      collected: true,
      zeroed: true,
      again: 1,
    });
  });
});
