import { createHash, createHmac, randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  type Cipher,
  createAesGcmCipher,
  createChainVerifier,
  createPayloadSealer,
  createXChaChaCipher,
  deriveEventId,
  GENESIS_HASH,
  hashEvent,
  keyedEventId,
  keyedName,
  openEvent,
  type PayloadSealer,
  paddedSizeFor,
  type RecordedEvent,
  type SealedEvent,
  type SodiumNative,
  type StreamPrivacy,
  sealEvent,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { describe, expect, it, vi } from 'vitest';
import { hmacSha256, hmacSha256Hex } from '../src/crypto/hmac.js';
import { sha256Public } from '../src/crypto/sha256.js';

// Attack 19 (e5a211d): one reused padded-plaintext scratch, a 64 KiB slab for ciphertexts and
// clear payloads, one reused hash input, HMAC through reused buffers. Every buffer handed to
// node's one-shot `hash` is recorded (as a heap snapshot would see it): the HMAC blocks, the
// chain-hash input, Merkle node input.

const hashed = vi.hoisted(() => new Set<ArrayBufferLike>());
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const hash = ((algorithm: string, data: unknown, encoding?: string) => {
    if (data instanceof Uint8Array) hashed.add(data.buffer);
    return (actual.hash as (a: string, d: unknown, e?: string) => unknown)(algorithm, data, encoding);
  }) as typeof actual.hash;
  return { ...actual, default: { ...actual, hash }, hash };
});

const sodium = createRequire(import.meta.url)('sodium-native') as SodiumNative & {
  crypto_stream_xchacha20_xor(out: Uint8Array, message: Uint8Array, nonce: Uint8Array, key: Uint8Array): void;
};
const commandId = '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e3f';
const stream = (name: string): string => `tally-2025-03-${name.padEnd(32, 'x')}`;
const freshKey = (length = 32): Uint8Array => randomFillSync(new Uint8Array(length));
const holds = (buffer: ArrayBufferLike | Uint8Array, text: string | Uint8Array): boolean =>
  Buffer.from(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer)).includes(
    typeof text === 'string' ? text : Buffer.from(text),
  );
const allZero = (bytes: Uint8Array): boolean => bytes.every((byte) => byte === 0);
const xorWith = (key: Uint8Array, pad: number): Uint8Array => key.map((byte) => byte ^ pad).subarray(0, 16);

let seq = 0;
function draft(marker: string, type = 'ContactTallied') {
  seq += 1;
  const id = `4c1d2e30-3f7e-4d5c-9c39-${seq.toString(16).padStart(12, '0')}`;
  return { id, type, data: { marker }, meta: { commandId } };
}

function recorded(name: string, revision: number, sealedEvent: SealedEvent): RecordedEvent {
  return { ...sealedEvent.event, stream: name, revision, position: String(revision + 1) };
}

/** A cipher recording every plaintext and associated-data view it is handed. */
function observing(cipher: Cipher, seen: Uint8Array[]): Cipher {
  return {
    algorithm: cipher.algorithm,
    encrypt(key, plaintext, associatedData) {
      seen.push(plaintext);
      return cipher.encrypt(key, plaintext, associatedData);
    },
    decrypt: (key, sealed, associatedData, into) => cipher.decrypt(key, sealed, associatedData, into),
  };
}

const privacy = (sealer: PayloadSealer, size = 1024): StreamPrivacy => ({ sealer, paddedSize: () => size });

/** The chain hash as e5a211d^ computed it (a fresh buffer, node's hash): claim 4's reference. */
function referenceHash(
  prev: Uint8Array,
  e: { stream: string; revision: number; id: string; type: string; codecId: number; payload: Uint8Array },
): Uint8Array {
  const head = Buffer.concat([Buffer.from('pinnstatistik/event/2\u0000', 'latin1'), Buffer.from(prev)]);
  const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  const text = (s: string) => [u16(Buffer.byteLength(s)), Buffer.from(s, 'utf8')];
  const revision = Buffer.alloc(4);
  revision.writeUInt32BE(e.revision >>> 0);
  const input = Buffer.concat([
    head,
    ...text(e.stream),
    revision,
    ...text(e.id),
    ...text(e.type),
    Buffer.from([e.codecId]),
    Buffer.from(e.payload),
  ]);
  return new Uint8Array(createHash('sha256').update(input).digest());
}

describe('claim 1: no plaintext left in the padding scratch', () => {
  it('zeroes the scratch after a seal, after a throwing cipher and after a too-large event', () => {
    // Attacks: a cipher keeping the plaintext view (reads it after sealEvent returned), a
    // cipher throwing midway, and a paddedSize refusal, with both shipped ciphers.
    for (const inner of [createXChaChaCipher(sodium), createAesGcmCipher()]) {
      const seen: Uint8Array[] = [];
      const sealer = createPayloadSealer(observing(inner, seen), freshKey());
      sealEvent(stream('a'), 0, GENESIS_HASH, draft('marker-one-secret'), privacy(sealer));
      let failing = true;
      const flaky = createPayloadSealer(
        observing(
          {
            algorithm: inner.algorithm,
            encrypt(key, plaintext, associatedData) {
              const sealed = inner.encrypt(key, plaintext, associatedData);
              if (failing) throw new Error('hsm busy');
              return sealed;
            },
            decrypt: inner.decrypt,
          },
          seen,
        ),
        freshKey(),
      );
      expect(() =>
        sealEvent(stream('b'), 0, GENESIS_HASH, draft('marker-two-secret'), privacy(flaky)),
      ).toThrow('hsm busy');
      failing = false;
      expect(() =>
        sealEvent(stream('c'), 0, GENESIS_HASH, draft('marker-three-secret'), privacy(sealer, 40)),
      ).toThrow(/does not fit/);
      expect(seen.length).toBe(2);
      for (const view of seen) {
        expect(allZero(new Uint8Array(view.buffer)), 'a kept plaintext view').toBe(true);
        for (const marker of ['marker-one', 'marker-two', 'marker-three'])
          expect(holds(view.buffer, marker)).toBe(false);
      }
    }
  });

  it('survives a cipher that re-enters sealEvent and openEvent: each plaintext intact, all zeroed after', () => {
    // Attacks: envelope-style re-entry. The outer cipher seals an event of another stream and
    // opens a third one before encrypting its own plaintext (which must still be intact).
    const xchacha = createXChaChaCipher(sodium);
    const seen: Uint8Array[] = [];
    const good = createPayloadSealer(observing(xchacha, seen), freshKey());
    const third = recorded(
      stream('third'),
      0,
      sealEvent(stream('third'), 0, GENESIS_HASH, draft('opened-secret'), privacy(good)),
    );
    let innerEvent: RecordedEvent | undefined;
    let innerOpened: unknown;
    const reentrant = createPayloadSealer(
      observing(
        {
          algorithm: xchacha.algorithm,
          encrypt(key, plaintext, associatedData) {
            const sealed = sealEvent(stream('inner'), 0, GENESIS_HASH, draft('inner-secret', 'NoteWritten'), {
              sealer: good,
              paddedSize: (length, type) => paddedSizeFor('series', length, type),
            });
            innerEvent = recorded(stream('inner'), 0, sealed);
            const opened = openEvent(third, () => good);
            innerOpened = opened.readable ? opened.data : undefined;
            return xchacha.encrypt(key, plaintext, associatedData);
          },
          decrypt: xchacha.decrypt,
        },
        seen,
      ),
      freshKey(),
    );
    const outer = recorded(
      stream('outer'),
      0,
      sealEvent(stream('outer'), 0, GENESIS_HASH, draft('outer-secret'), privacy(reentrant)),
    );
    expect(innerOpened).toEqual({ marker: 'opened-secret' });
    const outerOpened = openEvent(outer, () => reentrant);
    expect(outerOpened.readable && outerOpened.data).toEqual({ marker: 'outer-secret' });
    const innerBack = openEvent(innerEvent as RecordedEvent, () => good);
    expect(innerBack.readable && innerBack.data).toEqual({ marker: 'inner-secret' });
    // The inner seal had a buffer of its own; the outer scratch is reused by the next seal.
    // Recorded in call order: the outer plaintext before the inner one its cipher sealed.
    const [thirdView, outerView, innerView] = seen as [Uint8Array, Uint8Array, Uint8Array];
    expect(innerView.buffer).not.toBe(outerView.buffer);
    expect(thirdView.buffer).toBe(outerView.buffer);
    sealEvent(stream('after'), 0, GENESIS_HASH, draft('after-secret'), privacy(reentrant));
    expect(seen.at(-2)?.buffer).toBe(outerView.buffer); // re-entered again: [.., outer, inner]
    for (const view of seen) {
      expect(allZero(new Uint8Array(view.buffer))).toBe(true);
      for (const marker of ['opened-', 'inner-', 'outer-', 'after-'])
        expect(holds(view.buffer, marker)).toBe(false);
    }
  });

  it('pads a 16,384-byte note after small ones and small ones after it, leaving nothing', () => {
    // Attacks: the scratch growing to the largest padded size, then shorter events padded in
    // the larger buffer (their padding must be zeros, not the note's tail).
    const xchacha = createXChaChaCipher(sodium);
    const seen: Uint8Array[] = [];
    const sealer = createPayloadSealer(observing(xchacha, seen), freshKey());
    const series: StreamPrivacy = {
      sealer,
      paddedSize: (length, type) => paddedSizeFor('series', length, type),
    };
    const name = stream('series');
    const texts = ['small-secret', `big-secret-${'N'.repeat(15_000)}-tail-secret`, 'again-secret'];
    let prev = GENESIS_HASH;
    const events = texts.map((text, revision) => {
      const sealedEvent = sealEvent(name, revision, prev, draft(text, 'NoteWritten'), series);
      prev = sealedEvent.hash;
      return recorded(name, revision, sealedEvent);
    });
    expect(events.map((event) => event.data.length)).toEqual([512 + 40, 16_384 + 40, 512 + 40]);
    const big = events[1] as RecordedEvent;
    expect(big.data.buffer.byteLength).toBe(big.data.length); // not cut from a slab
    events.forEach((event, index) => {
      const opened = openEvent(event, () => sealer);
      expect(opened.readable && opened.data).toEqual({ marker: texts[index] });
    });
    for (const view of seen) expect(allZero(new Uint8Array(view.buffer))).toBe(true);
    for (const event of events) expect(holds(event.data.buffer, '-secret')).toBe(false);
  });
});

describe('claims 1 and 3: nothing secret in the slab or in the hash buffers', () => {
  it('keeps plaintext, keys and HMAC blocks out of every slab and every hashed buffer', () => {
    // Attacks: interleaved seals of public and private streams (public payloads share the
    // slab with ciphertexts), keyed ids and names, then a scan of every slab a returned view
    // belongs to and of every buffer handed to node's hash.
    hashed.clear();
    const key = freshKey();
    const naming = freshKey();
    const xchacha = createXChaChaCipher(sodium);
    const sealer = createPayloadSealer(xchacha, key);
    const slabs = new Set<ArrayBufferLike>();
    const prev = new Map<string, Uint8Array>();
    for (let index = 0; index < 600; index += 1) {
      const name = index % 3 === 0 ? `public-${index % 2}` : keyedName(naming, 'tally', String(index % 4));
      const id =
        index % 3 === 0 ? deriveEventId(commandId, name, index) : keyedEventId(naming, commandId, index);
      const marker = index % 3 === 0 ? `public-${index}` : `private-${index}-secret`;
      const sealedEvent = sealEvent(
        name,
        index,
        prev.get(name) ?? GENESIS_HASH,
        { id, type: 'ContactTallied', data: { marker: marker.repeat(1 + (index % 7)) }, meta: { commandId } },
        index % 3 === 0 ? undefined : privacy(sealer),
      );
      prev.set(name, sealedEvent.hash);
      slabs.add(sealedEvent.event.data.buffer);
    }
    expect(slabs.size).toBeGreaterThan(1); // the slab was cut through at least once
    const secrets = [
      key,
      naming,
      xorWith(key, 0x36),
      xorWith(key, 0x5c),
      xorWith(naming, 0x36),
      xorWith(naming, 0x5c),
    ];
    const own = new Set<ArrayBufferLike>([key.buffer, naming.buffer]);
    for (const buffer of [...slabs, ...hashed]) {
      if (own.has(buffer)) continue;
      expect(holds(buffer, '-secret'), 'plaintext in a slab or hash buffer').toBe(false);
      for (const secret of secrets) expect(holds(buffer, secret), 'key material').toBe(false);
    }
    expect(hashed.size).toBeGreaterThan(0);
  });
});

describe('claim 2: no two events share bytes; stores and readers keep exactly what was sealed', () => {
  it('never overlaps two events, and zeroing one changes no other', () => {
    // Attacks: a careless embedder zeroing (or scribbling over) one event's data after use.
    const sealer = createPayloadSealer(createXChaChaCipher(sodium), freshKey());
    const events: SealedEvent[] = [];
    const names: string[] = [];
    for (let index = 0; index < 1500; index += 1) {
      const name = stream(`s${index % 3}`);
      const text = 'x'.repeat(index % 97);
      names.push(name);
      events.push(
        sealEvent(name, index, GENESIS_HASH, draft(text), index % 2 ? privacy(sealer, 256) : undefined),
      );
    }
    const copies = events.map(({ event }) => Uint8Array.from(event.data));
    const byBuffer = new Map<ArrayBufferLike, Array<[number, number]>>();
    for (const { event } of events) {
      const ranges = byBuffer.get(event.data.buffer) ?? [];
      ranges.push([event.data.byteOffset, event.data.byteOffset + event.data.length]);
      byBuffer.set(event.data.buffer, ranges);
    }
    for (const ranges of byBuffer.values()) {
      ranges.sort((a, b) => a[0] - b[0]);
      for (let index = 1; index < ranges.length; index += 1)
        expect((ranges[index] as [number, number])[0]).toBeGreaterThanOrEqual(
          (ranges[index - 1] as [number, number])[1],
        );
    }
    events.forEach(({ event }, index) => {
      if (index % 2 === 0) event.data.fill(index % 4 === 0 ? 0 : 0xff);
    });
    events.forEach(({ event, hash }, index) => {
      if (index % 2 === 0) return;
      expect(event.data).toEqual(copies[index]);
      const e = { stream: names[index] as string, revision: index, id: event.id, type: event.type };
      expect(hash).toEqual(referenceHash(GENESIS_HASH, { ...e, codecId: 2, payload: event.data }));
    });
  });

  it('stores and reads back exactly the sealed bytes, whatever is sealed, scribbled or appended later', async () => {
    // Attacks: a store (memory) and a reader holding bytes while the slab is reused, the sealed
    // views are scribbled over and many more events are appended.
    const store = createMemoryEventStore();
    const sealer = createPayloadSealer(createXChaChaCipher(sodium), freshKey());
    const name = stream('stored');
    const sealedBytes: Uint8Array[] = [];
    let prev = GENESIS_HASH;
    const append = async (count: number, from: number): Promise<void> => {
      for (let revision = from; revision < from + count; revision += 1) {
        const sealedEvent = sealEvent(
          name,
          revision,
          prev,
          draft(`stored-${revision}`),
          privacy(sealer, 256),
        );
        prev = sealedEvent.hash;
        sealedBytes.push(Uint8Array.from(sealedEvent.event.data));
        await store.append(name, [sealedEvent.event], {
          expected: revision === 0 ? 'no-stream' : revision - 1,
        });
        sealedEvent.event.data.fill(0xee);
      }
    };
    await append(300, 0);
    const firstRead = await collect(store.readStream(name));
    const firstCopies = firstRead.map((event) => Uint8Array.from(event.data));
    await append(900, 300);
    const all = await collect(store.readStream(name));
    const verifier = createChainVerifier();
    all.forEach((event, index) => {
      expect(event.data).toEqual(sealedBytes[index]);
      expect(verifier.check(event)).toBeUndefined();
      const opened = openEvent(event, () => sealer);
      expect(opened.readable && opened.data).toEqual({ marker: `stored-${index}` });
    });
    firstRead.forEach((event, index) => {
      expect(event.data, 'bytes a reader holds').toEqual(firstCopies[index]);
    });
  });

  it('stores the bytes a sealer returned, also when it encrypts in place and returns its input', () => {
    // Attacks: a PayloadSealer that encrypts in place (XChaCha20 keystream, nonce from the
    // event id) and returns the very view it was handed. Before e5a211d the padded plaintext
    // was a fresh buffer, so this sealer's output was stored as returned.
    const key = freshKey();
    const nonceOf = (eventId: string) => createHash('sha256').update(eventId).digest().subarray(0, 24);
    const returned: Uint8Array[] = [];
    const inPlace: PayloadSealer = {
      algorithm: 'xchacha20-poly1305',
      seal(plaintext, context) {
        sodium.crypto_stream_xchacha20_xor(plaintext, plaintext, nonceOf(context.eventId), key);
        returned.push(Uint8Array.from(plaintext));
        return plaintext;
      },
      open(sealed, context) {
        const plain = Uint8Array.from(sealed);
        sodium.crypto_stream_xchacha20_xor(plain, plain, nonceOf(context.eventId), key);
        return plain;
      },
    };
    const name = stream('in-place');
    const first = sealEvent(name, 0, GENESIS_HASH, draft('in-place-one'), privacy(inPlace, 256));
    expect(first.event.data, 'the bytes sealed, as the store receives them').toEqual(returned[0]);
    const second = sealEvent(name, 1, first.hash, draft('in-place-two'), privacy(inPlace, 256));
    expect(first.event.data, 'the first event after the second was sealed').toEqual(returned[0]);
    const opened = openEvent(recorded(name, 1, second), () => inPlace);
    expect(opened.readable && opened.data).toEqual({ marker: 'in-place-two' });
  });
});

describe('claim 4: chain hashes and ids as before', () => {
  it('hashes every event as e5a211d^ did (grown input, unicode, large revisions, slab offsets)', () => {
    // Attacks: the reused input growing past 4 KiB and shrinking back, multi-byte stream
    // names and ids, revision 2^32-1, payloads that are views at odd offsets of larger buffers.
    const cases = [
      { stream: 'tally-åäö-😀', revision: 0, id: 'ïd', type: 'T', codecId: 0, size: 10 },
      { stream: 's', revision: 0xffff_ffff, id: 'x', type: 'Encrypted', codecId: 2, size: 9000 },
      { stream: 's'.repeat(300), revision: 7, id: 'y'.repeat(40), type: 'NoteWritten', codecId: 1, size: 1 },
      { stream: '\ud800lone', revision: 3, id: 'z', type: 'T', codecId: 2, size: 0 },
      { stream: 's', revision: 1, id: 'x', type: 'T', codecId: 0, size: 20_000 },
    ];
    let prev = GENESIS_HASH;
    for (const c of cases) {
      const big = randomFillSync(new Uint8Array(c.size + 13));
      const payload = big.subarray(5, 5 + c.size);
      const event = { ...c, payload };
      const got = hashEvent(prev, event);
      expect(got).toEqual(referenceHash(prev, event));
      prev = got;
    }
    const bytes = randomFillSync(new Uint8Array(4096));
    expect(sha256Public(bytes)).toEqual(new Uint8Array(createHash('sha256').update(bytes).digest()));
  });

  it('computes keyed names, event ids and HMACs as createHmac does, and zeroes its blocks', () => {
    // Attacks: keys of 0, 63, 64, 65 and 200 bytes (a long key is hashed first), messages
    // longer than the reused inner buffer, lone surrogates, astral characters.
    hashed.clear();
    const messages = ['', 'abc', 'åäö😀', '\ud800x\udfff', 'x'.repeat(5000), '😀'.repeat(1000)];
    const keys = [0, 1, 32, 63, 64, 65, 200].map((length) => freshKey(length));
    for (const key of keys) {
      for (const message of messages) {
        const reference = createHmac('sha256', key).update(message).digest();
        expect(hmacSha256Hex(key, message)).toBe(reference.toString('hex'));
        expect(hmacSha256(key, message)).toEqual(reference);
        expect(hmacSha256Hex(key, Buffer.from(message))).toBe(reference.toString('hex'));
        expect(keyedName(key, message, 'b')).toBe(
          createHmac('sha256', key).update(`${message}\u0000b`).digest('hex').slice(0, 32),
        );
      }
      const hex = createHmac('sha256', key).update(`event\u0000${commandId}\u00003`).digest('hex');
      const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
      expect(keyedEventId(key, commandId, 3)).toBe(
        `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
      );
    }
    const own = new Set(keys.map((key) => key.buffer));
    for (const buffer of hashed) {
      if (own.has(buffer)) continue;
      for (const key of keys.filter((k) => k.length >= 16)) {
        expect(holds(buffer, key.subarray(0, 16))).toBe(false);
        expect(holds(buffer, xorWith(key, 0x36))).toBe(false);
        expect(holds(buffer, xorWith(key, 0x5c))).toBe(false);
      }
    }
  });
});

describe('beyond the four claims: a paddedSize that is not a number', () => {
  it('refuses a NaN padded size instead of sealing an empty plaintext (padTo threw before e5a211d)', () => {
    // Attacks: a careless StreamPrivacy whose size lookup yields NaN. padTo threw (a
    // RangeError setting the plaintext into a zero-length buffer); sealPadded's
    // `length + 1 > size` is false for NaN and it seals a zero-length slice: data lost silently.
    const sealer = createPayloadSealer(createXChaChaCipher(sodium), freshKey());
    const name = stream('nan');
    let sealedEvent: SealedEvent | undefined;
    try {
      sealedEvent = sealEvent(name, 0, GENESIS_HASH, draft('nan-secret'), {
        sealer,
        paddedSize: () => Number.NaN,
      });
    } catch {
      return; // refused: the claim holds
    }
    const opened = openEvent(recorded(name, 0, sealedEvent), () => sealer);
    expect(opened.readable && opened.data).toEqual({ marker: 'nan-secret' });
  });
});
