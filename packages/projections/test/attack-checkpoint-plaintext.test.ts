import {
  type Cipher,
  createAesGcmCipher,
  createPayloadSealer,
  deriveSubkeys,
  emptySheetTables,
  type JsonValue,
  periodKeyId,
} from '@pinnstatistik/core';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import { statisticsProjection } from '../src/index.js';

// 7bbc40f made the core zero every plaintext a cipher hands back ("the caller owns the
// plaintext returned (it zeroes it once read)", crypto/cipher.ts) and keep it out of node's
// Buffer pool. The statistics projection is another caller of `sealer.open`/`seal`: its
// checkpoints keep open months' sheets sealed under the month's key.

const MARKER = 'enhet-hemlig-marker-3f7e';
const PERIOD = '2025-03';
const holds = (buffer: Uint8Array, text: string): boolean => Buffer.from(buffer).includes(text);
const pool = (): Uint8Array => new Uint8Array(Buffer.allocUnsafe(1).buffer);

/** A checkpoint with one open sheet of March, sealed as the projection seals it (without touching the pool). */
async function checkpoint() {
  const keys = createMemoryKeyStore();
  const material = await keys.create(periodKeyId(PERIOD));
  const sheets = [
    {
      interventionId: 'motesplats-uppsokande',
      unitId: MARKER,
      period: PERIOD,
      tables: emptySheetTables(),
      sealed: false,
      amendments: 0,
    },
  ];
  const plain = new TextEncoder().encode(JSON.stringify(sheets)); // its own ArrayBuffer
  const sealer = createPayloadSealer(createAesGcmCipher(), deriveSubkeys(material).encryption);
  const sealed = sealer.seal(plain, { stream: 'checkpoint-statistics', eventId: PERIOD });
  plain.fill(0);
  const saved = {
    catalogues: [],
    sealed: [],
    open: [{ period: PERIOD, algorithm: 'aes-256-gcm', sheets: Buffer.from(sealed).toString('base64') }],
    undecryptable: 0,
  };
  return { keys, saved: saved as unknown as JsonValue };
}

/** A cipher that remembers every plaintext it hands back (an observer, as a heap snapshot would be). */
function observing(handedBack: Uint8Array[]): Cipher {
  const aes = createAesGcmCipher();
  return {
    algorithm: aes.algorithm,
    encrypt: (key, plaintext, associatedData) => aes.encrypt(key, plaintext, associatedData),
    decrypt(key, sealed, associatedData, into) {
      const plain = aes.decrypt(key, sealed, associatedData, into);
      if (plain !== undefined) handedBack.push(plain);
      return plain;
    },
  };
}

describe('a statistics checkpoint of an open month, restored', () => {
  it('leaves the open sheets’ plaintext neither in the buffer the cipher handed back nor in node’s Buffer pool', async () => {
    const { keys, saved } = await checkpoint();
    const handedBack: Uint8Array[] = [];
    const projection = statisticsProjection({ keys, ciphers: [observing(handedBack)] });
    expect(holds(pool(), MARKER)).toBe(false);
    const cube = await projection.restore?.(saved);
    expect(cube?.snapshot().sheets.map((sheet) => sheet.unitId)).toEqual([MARKER]);
    expect(handedBack).toHaveLength(1);
    const leftovers = [
      ...(holds(handedBack[0] as Uint8Array, MARKER)
        ? ['the plaintext the cipher handed back, never zeroed']
        : []),
      ...(holds(pool(), MARKER) ? ['a copy in node’s Buffer pool'] : []),
    ];
    expect(leftovers).toEqual([]);
  });
});

describe('a statistics checkpoint of an open month, written', () => {
  it('leaves no copy of the open sheets’ plaintext in node’s Buffer pool', async () => {
    const { keys, saved } = await checkpoint();
    const projection = statisticsProjection({ keys });
    const cube = await projection.restore?.(saved);
    if (cube === undefined) throw new Error('no restore');
    // Whatever restoring left: a fresh pool slab before the checkpoint is written.
    Buffer.allocUnsafe(8 * 1024);
    Buffer.allocUnsafe(4095);
    expect(holds(pool(), MARKER)).toBe(false);
    await projection.snapshot(cube);
    expect(holds(pool(), MARKER), 'the sheets’ JSON, encoded into the pool before sealing').toBe(false);
  });
});
