import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import { deriveSubkeys } from '../crypto/key-derivation.js';
import { createPayloadSealer } from '../crypto/payload-sealer.js';
import { openEvent } from '../envelope/open-event.js';
import type { KeyStore } from '../ports/key-store.js';
import { secureRandom } from '../ports/random.js';
import { createKeyRing } from './key-ring.js';
import { emptyStream } from './loaded-stream.js';
import { sealPlan } from './seal-plan.js';

// A writer that still holds a month's key when the key ring forgets it (the month sealed here,
// or found destroyed elsewhere) holds subkeys zeroed in place. Whatever it sealed with them
// would open under an all-zero key, and its stream names and event ids would be computable by
// anyone. Nothing is sealed with a forgotten key: the plan is answered as if its stream were gone.

function keyStore(): KeyStore {
  const keys = new Map<string, Uint8Array>();
  return {
    create: async (id) => keys.get(id) ?? (keys.set(id, secureRandom.bytes(32)).get(id) as Uint8Array),
    get: async (id) => keys.get(id),
    destroy: async (id) => {
      keys.delete(id);
      return { outcome: 'verified' };
    },
  };
}

describe('a plan whose key was forgotten while it was being decided', () => {
  it('is not sealed (nothing under a zeroed key)', async () => {
    const ring = createKeyRing(keyStore(), createAesGcmCipher());
    const key = await ring.create('period-2025-03');
    const plan = {
      commandId: '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e3f',
      events: [{ type: 'ContactTallied', data: { marks: { gender: 'female' } } }],
      privacy: { key, kind: 'tally' as const },
    };
    const stream = emptyStream('tally-2025-03-abc', {});
    expect(sealPlan(stream, plan, 'vaggeryd')).toBeDefined();
    await ring.destroy('period-2025-03');
    expect(key.forgotten).toBe(true);
    const sealed = sealPlan(stream, plan, 'vaggeryd');
    // Had it been sealed, an all-zero key would open it.
    const zero = createPayloadSealer(createAesGcmCipher(), deriveSubkeys(new Uint8Array(32)).encryption);
    const underZero = sealed?.events.map((event) =>
      openEvent({ ...event, stream: stream.stream, revision: 0, position: '1' }, () => zero),
    );
    expect(underZero, 'events sealed under the zeroed key').toBeUndefined();
  });
});
