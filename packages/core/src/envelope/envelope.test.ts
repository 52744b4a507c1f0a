import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../crypto/cipher.js';
import { deriveSubkeys, keyedName } from '../crypto/key-derivation.js';
import { createPayloadSealer } from '../crypto/payload-sealer.js';
import { createXChaChaCipher, type SodiumNative } from '../crypto/xchacha-cipher.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { secureRandom } from '../ports/random.js';
import { createChainVerifier } from './chain-verifier.js';
import { GENESIS_HASH } from './event-hash.js';
import { MalformedEvent, openEvent } from './open-event.js';
import { ENCRYPTED_TYPE, type EventDraft, type StreamPrivacy, sealEvent } from './seal-event.js';

function sodiumIfInstalled(): SodiumNative | undefined {
  try {
    return createRequire(import.meta.url)('sodium-native') as SodiumNative;
  } catch {
    return undefined;
  }
}

const sodium = sodiumIfInstalled();
const ciphers: [string, Cipher | undefined][] = [
  ['AES-256-GCM (node:crypto)', createAesGcmCipher()],
  ['XChaCha20-Poly1305 (sodium-native)', sodium === undefined ? undefined : createXChaChaCipher(sodium)],
];
if (sodium === undefined)
  console.warn('sodium-native is not installed: the XChaCha20-Poly1305 cases are skipped');

const stream = 'tally-2025-03-abc';
const draft = (id: string, marks: Record<string, string> = { gender: 'female' }): EventDraft => ({
  id,
  type: 'ContactTallied',
  data: { interventionId: 'rad-och-stod', marks },
  meta: { commandId: '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e3f', catalogueVersion: '1.1' },
});
const recorded = (
  event: ReturnType<typeof sealEvent>['event'],
  revision: number,
  on = stream,
): RecordedEvent => ({
  ...event,
  stream: on,
  revision,
  position: String(revision + 1),
});
const privacyWith = (cipher: Cipher, key = secureRandom.bytes(32)): StreamPrivacy => ({
  sealer: createPayloadSealer(cipher, key),
  paddedSize: () => 512,
});
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe.each(ciphers)('private events with %s', (_name, cipher) => {
  it.skipIf(cipher === undefined)('round-trip, and the stored bytes show no type, data or meta', () => {
    const privacy = privacyWith(cipher as Cipher);
    const { event } = sealEvent(stream, 0, GENESIS_HASH, draft('e-1'), privacy);
    expect(event.type).toBe(ENCRYPTED_TYPE);
    const stored = text(event.data) + text(event.metadata) + event.type;
    for (const secret of ['ContactTallied', 'rad-och-stod', 'female', '9b2f8a86', '1.1'])
      expect(stored).not.toContain(secret);
    const opened = openEvent(recorded(event, 0), () => privacy.sealer);
    expect(opened.readable && [opened.type, opened.data, opened.meta]).toEqual([
      'ContactTallied',
      draft('e-1').data,
      draft('e-1').meta,
    ]);
  });

  it.skipIf(cipher === undefined)('pads every payload to the size the policy chooses', () => {
    const privacy = privacyWith(cipher as Cipher);
    const sizes = new Set(
      (
        [
          {},
          { gender: 'female' },
          { gender: 'other', problemArea: 'parenting', routeIn: 'school' },
        ] as Record<string, string>[]
      ).map(
        (marks, index) =>
          sealEvent(stream, index, GENESIS_HASH, draft(`e-${index}`, marks), privacy).event.data.length,
      ),
    );
    expect(sizes.size).toBe(1);
  });

  it.skipIf(cipher === undefined)(
    'never repeats a nonce: the same event seals differently every time',
    () => {
      const privacy = privacyWith(cipher as Cipher);
      const seen = new Set(
        Array.from({ length: 2000 }, () =>
          text(sealEvent(stream, 0, GENESIS_HASH, draft('e-1'), privacy).event.data),
        ),
      );
      expect(seen.size).toBe(2000);
    },
  );

  it.skipIf(cipher === undefined)(
    'refuses a payload moved to another event or stream, altered, or opened with another key',
    () => {
      const privacy = privacyWith(cipher as Cipher);
      const { event } = sealEvent(stream, 0, GENESIS_HASH, draft('e-1'), privacy);
      const open =
        (changed: RecordedEvent, sealer = privacy.sealer) =>
        () =>
          openEvent(changed, () => sealer);
      expect(open({ ...recorded(event, 0), id: 'e-2' })).toThrow(MalformedEvent);
      expect(open(recorded(event, 0, 'tally-2025-03-def'))).toThrow(MalformedEvent);
      const altered = Uint8Array.from(event.data);
      altered[altered.length - 20] = (altered[altered.length - 20] ?? 0) ^ 1;
      expect(open({ ...recorded(event, 0), data: altered })).toThrow(MalformedEvent);
      expect(open(recorded(event, 0), privacyWith(cipher as Cipher).sealer)).toThrow(MalformedEvent);
    },
  );

  it.skipIf(cipher === undefined)('reads as sealed away, header only, once its key is gone', () => {
    const { event } = sealEvent(stream, 0, GENESIS_HASH, draft('e-1'), privacyWith(cipher as Cipher));
    const opened = openEvent(recorded(event, 0), () => undefined);
    expect(opened.readable).toBe(false);
    expect(opened.codec).toBe((cipher as Cipher).algorithm);
  });
});

describe('the hash chain', () => {
  const chain = (count: number) => {
    let prev = GENESIS_HASH;
    return Array.from({ length: count }, (_, revision) => {
      const sealed = sealEvent('catalogue-x', revision, prev, { ...draft(`e-${revision}`), type: 'Public' });
      prev = sealed.hash;
      return { ...recorded(sealed.event, revision, 'catalogue-x') };
    });
  };
  const findings = (events: readonly RecordedEvent[]) => {
    const verifier = createChainVerifier();
    return events.flatMap((event) => {
      const finding = verifier.check(event);
      return finding === undefined ? [] : [[finding.code, finding.revision]];
    });
  };

  it('verifies without any key', () => {
    expect(findings(chain(4))).toEqual([]);
  });

  it('names where an event was altered, removed or reordered', () => {
    const events = chain(4);
    const altered = Uint8Array.from(events[1]?.data ?? []);
    altered[5] = (altered[5] ?? 0) ^ 1;
    expect(
      findings(events.map((event, index) => (index === 1 ? { ...event, data: altered } : event))),
    ).toEqual([['CHAIN_HASH_MISMATCH', 1]]);
    const [a, b, c, d] = events as [RecordedEvent, RecordedEvent, RecordedEvent, RecordedEvent];
    expect(findings([a, c, d])).toEqual([['CHAIN_REVISION_GAP', 2]]);
    expect(findings([a, { ...c, revision: 1 }, { ...d, revision: 2 }])[0]).toEqual([
      'CHAIN_HASH_MISMATCH',
      1,
    ]);
    expect(findings([a, { ...c, revision: 1 }, { ...b, revision: 2 }, d])[0]).toEqual([
      'CHAIN_HASH_MISMATCH',
      1,
    ]);
  });
});

describe('key derivation', () => {
  it('splits one stored key into independent encryption and naming keys', () => {
    const key = secureRandom.bytes(32);
    const { encryption, naming } = deriveSubkeys(key);
    expect(Buffer.from(encryption).equals(Buffer.from(naming))).toBe(false);
    expect(Buffer.from(deriveSubkeys(key).naming).equals(Buffer.from(naming))).toBe(true);
  });

  it('names streams with a keyed hash that another key cannot reproduce', () => {
    const [one, two] = [
      deriveSubkeys(secureRandom.bytes(32)).naming,
      deriveSubkeys(secureRandom.bytes(32)).naming,
    ];
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).toMatch(/^[0-9a-f]{32}$/);
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).toBe(keyedName(one, 'rad-och-stod', 'motesplats'));
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).not.toBe(
      keyedName(two, 'rad-och-stod', 'motesplats'),
    );
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).not.toBe(
      keyedName(one, 'rad-och-sto', 'dmotesplats'),
    );
  });
});
