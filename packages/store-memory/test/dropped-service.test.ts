import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// An embedding system drops a command service (a request scope, a reconfiguration): its caches
// and the months' subkeys it opened must go with it — zeroed, not only unreachable (the
// collector frees memory without clearing it). The key ring's recheck timer held the
// ring — and through it every cache of the service — for as long as the process ran.
//
// Run in a plain Node process on the built packages, with `--expose-gc`: what a process keeps
// alive depends on its timers and module graph, which the test runner's workers change.

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const script = `
import { createAesGcmCipher, createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
const store = createMemoryEventStore();
const keys = createMemoryKeyStore();
const clock = fixedClock('2025-12-31T12:00:00Z');
const tally = (service, n) => service.tally({
  type: 'TallyContact', commandId: '00000000-0000-4000-8000-00000000000' + n,
  interventionId: 'motesplats-uppsokande', unitId: 'motesplats', date: '2025-03-14', marks: { gender: 'male' },
});
// The months' subkeys, as the cipher was handed them: what an attacker reading this process's
// memory after the drop would look for.
const subkeys = [];
// What is left to watch of a dropped service is its cipher: only the service's parts hold it.
async function dropped() {
  const aes = createAesGcmCipher();
  const cipher = {
    algorithm: aes.algorithm,
    encrypt(key, plaintext, associatedData) {
      if (!subkeys.includes(key)) subkeys.push(key);
      return aes.encrypt(key, plaintext, associatedData);
    },
    decrypt: (key, sealed, associatedData, into) => aes.decrypt(key, sealed, associatedData, into),
  };
  const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, cipher });
  await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: '00000000-0000-4000-8000-000000000999', catalogue: vaggerydCatalogue() });
  if ((await tally(service, 1))._tag !== 'Right') throw new Error('the tally was refused');
  return new WeakRef(cipher);
}
const watched = await dropped();
for (let round = 0; round < 20; round += 1) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  globalThis.gc();
}
const collected = watched.deref() === undefined;
const zeroed = subkeys.length > 0 && subkeys.every((key) => key.every((byte) => byte === 0));
// The next service reads the month the dropped one wrote: the key store's key was not zeroed with it.
const next = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
const written = await tally(next, 2);
console.log(JSON.stringify({ collected, zeroed, revision: written._tag === 'Right' ? written.right.revision : written.left.code }));
`;

describe('a command service its embedder drops', () => {
  it('is collected with what it opened, its subkeys zeroed, and leaves the keys in the key store intact', () => {
    const output = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? '{}')).toEqual({
      collected: true,
      zeroed: true,
      revision: 1,
    });
  });
});
