import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A keyed opener zeroes the subkeys it derived when it is collected (a dropped projection must
// not leave the months' subkeys in freed memory). A sealer it handed out — a checkpoint writer
// holds one across awaits — must keep it alive: were the opener collected under it, the sealer
// would go on sealing with a subkey of zeros, and anyone could open what it sealed.
//
// Run in a plain Node process with `--expose-gc` (the test runner's workers keep other things
// alive), on the opener's source through tsx.

const openerSource = new URL('../src/reading/keyed-opener.ts', import.meta.url).href;

const script = `
import { createKeyedOpener } from ${JSON.stringify(openerSource)};
import { createAesGcmCipher } from '@pinnstatistik/core';
import { randomBytes } from 'node:crypto';
const material = new Map([['period-2025-03', new Uint8Array(randomBytes(32))]]);
const keys = {
  create: async (id) => material.get(id),
  get: async (id) => material.get(id),
  destroy: async () => ({ outcome: 'verified' }),
};
const algorithm = createAesGcmCipher().algorithm;
async function sealerOfADroppedOpener() {
  const opener = createKeyedOpener(keys);
  const sealer = await opener.sealer('period-2025-03', algorithm);
  return { sealer, watched: new WeakRef(opener) };
}
const { sealer, watched } = await sealerOfADroppedOpener();
for (let round = 0; round < 20; round += 1) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  globalThis.gc();
}
const context = { stream: 'tally-2025-03-x', eventId: '00000000-0000-4000-8000-000000000001' };
const plaintext = new TextEncoder().encode('a checkpoint of March');
const sealed = sealer.seal(plaintext, context);
// Whoever holds the key opens it; a key of zeros does not.
const fresh = await createKeyedOpener(keys).sealer('period-2025-03', algorithm);
const opened = fresh.open(sealed, context);
const openedWithTheRightKey = opened !== undefined && new TextDecoder().decode(opened) === 'a checkpoint of March';
console.log(JSON.stringify({ openerAlive: watched.deref() !== undefined, openedWithTheRightKey }));
`;

describe('a sealer handed out by a keyed opener its owner dropped', () => {
  it('keeps the opener (and its subkey) alive: what it seals opens under the real key', () => {
    const output = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
    );
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? '{}')).toEqual({
      openerAlive: true,
      openedWithTheRightKey: true,
    });
  });
});
