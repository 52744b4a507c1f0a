import { type Cipher, createAesGcmCipher, type RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import { createKeyedOpener } from '../src/reading/keyed-opener.js';
import { adoptedService } from './workload.js';

// A projection opens a month's detail with a subkey derived from the month's key. Once the
// month is sealed (its key destroyed), the projection forgets the key: what an attacker with a
// heap snapshot of the projection's process finds of that subkey afterwards is zeros.

describe('a key the keyed opener forgets', () => {
  it('leaves its derived subkey zeroed, not merely dropped', async () => {
    const keys = createMemoryKeyStore();
    await keys.create('period-2025-03');
    const aes = createAesGcmCipher();
    const used: Uint8Array[] = [];
    const watching: Cipher = {
      algorithm: aes.algorithm,
      encrypt: (key, plaintext, associatedData) => {
        used.push(key);
        return aes.encrypt(key, plaintext, associatedData);
      },
      decrypt: (key, sealed, associatedData, into) => aes.decrypt(key, sealed, associatedData, into),
    };
    const opener = createKeyedOpener(keys, [watching]);
    const sealer = await opener.sealer('period-2025-03', watching.algorithm);
    sealer?.seal(new Uint8Array(16), { stream: 'tally-2025-03-x', eventId: 'e' });
    const subkey = used[0] as Uint8Array;
    expect(subkey.some((byte) => byte !== 0)).toBe(true);
    opener.forget('period-2025-03');
    expect(subkey.every((byte) => byte === 0)).toBe(true);
  });

  it('leaves a sealer a caller still holds unable to seal (no key of zeros) or open', async () => {
    const keys = createMemoryKeyStore();
    await keys.create('period-2025-03');
    const opener = createKeyedOpener(keys, [createAesGcmCipher()]);
    const sealer = await opener.sealer('period-2025-03', 'aes-256-gcm');
    if (sealer === undefined) throw new Error('no sealer for an existing key');
    const context = { stream: 'tally-2025-03-x', eventId: 'e' };
    const sealed = sealer.seal(new Uint8Array(16).fill(7), context);
    opener.forget('period-2025-03');
    expect(() => sealer.seal(new Uint8Array(16), context), 'sealed with the zeroed subkey').toThrow(
      /forgotten/,
    );
    expect(sealer.open(sealed, context)).toBeUndefined();
    expect(opener.isForgotten('period-2025-03')).toBe(true);
    expect(await opener.sealer('period-2025-03', 'aes-256-gcm')).toBeUndefined();
  });

  it('opens no more events of a stream it opened before: they are sealed away, not malformed', async () => {
    // The opener remembers each stream's sealer (a replay asks for the same few at every event);
    // forgetting the stream's key must forget that too.
    const { store, keys, service } = await adoptedService();
    const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    for (const n of [1, 2, 3]) {
      const tallied = await service.tally({
        type: 'TallyContact',
        commandId: uuid(n),
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        date: '2025-03-14',
        marks: { gender: 'male' },
      });
      expect(tallied._tag).toBe('Right');
    }
    const detail = (await collect(store.readAll())).filter((event: RecordedEvent) =>
      event.stream.startsWith('tally-2025-03'),
    );
    expect(detail.length).toBeGreaterThanOrEqual(3);
    const opener = createKeyedOpener(keys, [createAesGcmCipher()]);
    // The first opening looks the key up; the next ones find it by their stream.
    for (const event of detail.slice(0, 2)) expect((await opener.open(event)).readable).toBe(true);
    opener.forget('period-2025-03');
    const after = await opener.open(detail[2] as RecordedEvent);
    expect(after.readable).toBe(false);
  });
});
