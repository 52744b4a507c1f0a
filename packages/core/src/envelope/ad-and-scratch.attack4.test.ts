import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../crypto/cipher.js';
import { associatedData, createPayloadSealer } from '../crypto/payload-sealer.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { secureRandom } from '../ports/random.js';
import { GENESIS_HASH } from './event-hash.js';
import { openEvent } from './open-event.js';
import { type PayloadSealer, type SealContext, sealEvent } from './seal-event.js';

// 77c48e8: (1) the sealer writes its associated data (`stream NUL eventId`) by an ASCII loop into
// a reused buffer, falling back to `Buffer.write` at the first other character; (2) a plaintext
// decrypted into the shared 32 KiB buffer is no longer zeroed through its own view, only by the
// zeroing of the buffer up to max(ciphertext length, end of the view). Attacked: bytes bound
// other than `associatedData(context)` for any string, and plaintext left behind after any
// opening, for ciphers that write or return odd views.

// ---------------------------------------------------------------------------------------------
// (1) associated data
// ---------------------------------------------------------------------------------------------

/** AES-GCM noting a copy of every associated data it was given (the buffer is reused). */
function recordingCipher(): { cipher: Cipher; seen: Uint8Array[] } {
  const aes = createAesGcmCipher();
  const seen: Uint8Array[] = [];
  return {
    seen,
    cipher: {
      algorithm: aes.algorithm,
      encrypt(key, plaintext, ad) {
        seen.push(Uint8Array.from(ad));
        return aes.encrypt(key, plaintext, ad);
      },
      decrypt(key, sealed, ad, into) {
        seen.push(Uint8Array.from(ad));
        return aes.decrypt(key, sealed, ad, into);
      },
    },
  };
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Code units that an ASCII shortcut could get wrong. */
const TRICKY = [
  0x00, 0x01, 0x41, 0x7f, 0x80, 0x81, 0xa0, 0xc5, 0xf6, 0xff, 0x100, 0x141, 0x17f, 0x7ff, 0x800, 0xd7ff,
  0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xfffe, 0xffff,
];

/** A deterministic generator (mulberry32), so a failure names its case. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function trickyString(random: () => number): string {
  const asciiPrefix = random() < 0.3 ? 'a'.repeat(Math.floor(random() * 3000)) : '';
  const length = Math.floor(random() * 12);
  let text = asciiPrefix;
  for (let index = 0; index < length; index += 1) {
    const pick = random();
    if (pick < 0.4) text += String.fromCharCode(0x20 + Math.floor(random() * 0x5f));
    else if (pick < 0.5) text += '😀';
    else text += String.fromCharCode(TRICKY[Math.floor(random() * TRICKY.length)] as number);
  }
  return random() < 0.2 ? text + 'z'.repeat(Math.floor(random() * 1500)) : text;
}

const fixedContexts: SealContext[] = [
  { stream: 'tally-Ł', eventId: 'id' }, // U+0141: & 0xff is 'A'
  { stream: 'tally-\u0080', eventId: 'id' },
  { stream: 'tally-ÿ', eventId: 'ÿ' }, // latin-1 range, one byte in latin-1, two in UTF-8
  { stream: 'tally-\ud800', eventId: '\udc00x' }, // lone surrogates: EF BF BD
  { stream: '\ud83d', eventId: '\ude00' }, // a pair split across the NUL
  { stream: 'a\u0000b', eventId: '\u0000' },
  { stream: `${'s'.repeat(1100)}ö`, eventId: '9b2f8a86' }, // long ASCII prefix, grows the buffer
  { stream: 'x', eventId: `${'i'.repeat(2000)}\u0800` },
  { stream: 'ö'.repeat(700), eventId: '€'.repeat(700) }, // 3-byte chars past 1024 bytes
  { stream: '\uffff'.repeat(400), eventId: '' },
  { stream: '', eventId: '\ud800'.repeat(500) },
];

describe('the associated data the sealer binds', () => {
  it('is exactly associatedData(context) for tricky and random names, in any order of calls', () => {
    const { cipher, seen } = recordingCipher();
    const key = secureRandom.bytes(32);
    const sealer = createPayloadSealer(cipher, key);
    const random = prng(0x77c48e8);
    const contexts = [...fixedContexts];
    for (let index = 0; index < 400; index += 1)
      contexts.push({ stream: trickyString(random), eventId: trickyString(random) });
    // Long first, then short, then long again: the residue of one name must never be bound.
    for (const context of [...contexts, ...contexts.slice().reverse()]) {
      seen.length = 0;
      const sealed = sealer.seal(new Uint8Array([1, 2, 3]), context);
      const opened = sealer.open(sealed, context);
      expect(seen.map(hex), JSON.stringify(context).slice(0, 200)).toEqual([
        hex(associatedData(context)),
        hex(associatedData(context)),
      ]);
      expect(opened).toBeDefined();
      // Interoperable with a writer binding the reference bytes.
      expect(cipher.decrypt(key, sealed, associatedData(context))).toBeDefined();
    }
  });

  it('does not let a payload sealed under one name open under a name an ASCII shortcut confuses', () => {
    const key = secureRandom.bytes(32);
    const sealer = createPayloadSealer(createAesGcmCipher(), key);
    const eventId = '4c1d2e30-3f7e-4d5c-9c39-1f7a4c1d2e30';
    const pairs: [string, string][] = [
      ['tally-A', 'tally-Ł'], // 0x41 vs 0x141
      ['tally-\u0000', 'tally-\u0100'], // 0x00 vs 0x100 (low byte 0x00)
      ['tally-\u00f6', 'tally-\u01f6'], // ö vs Ƕ: the same low byte 0xf6
      ['tally-\u00c3\u00b6', 'tally-ö'], // latin-1 view of UTF-8 ö vs ö itself
      [`${'a'.repeat(1500)}\u00e9`, `${'a'.repeat(1500)}\u01e9`],
    ];
    for (const [one, other] of pairs) {
      const sealed = sealer.seal(new Uint8Array([7]), { stream: one, eventId });
      expect(sealer.open(sealed, { stream: one, eventId }), one).toBeDefined();
      expect(sealer.open(sealed, { stream: other, eventId }), `${one} → ${other}`).toBeUndefined();
      expect(sealer.open(sealed, { stream: 'tally', eventId: other }), `${one} as id`).toBeUndefined();
      const back = sealer.seal(new Uint8Array([7]), { stream: other, eventId });
      expect(sealer.open(back, { stream: one, eventId }), `${other} → ${one}`).toBeUndefined();
    }
  });

  it('is the outer context’s, not an inner one’s, when a cipher seals with a sealer of its own first', () => {
    const aes = createAesGcmCipher();
    const innerSealer = createPayloadSealer(aes, secureRandom.bytes(32));
    const seen: Uint8Array[] = [];
    // Seals (and opens) a long, non-ASCII note before it reads its own associated data.
    const noting: Cipher = {
      algorithm: aes.algorithm,
      encrypt(key, plaintext, ad) {
        const note = { stream: `notes-${'ü'.repeat(900)}`, eventId: 'n'.repeat(1200) };
        const sealedNote = innerSealer.seal(new Uint8Array([1]), note);
        expect(innerSealer.open(sealedNote, note)).toBeDefined();
        seen.push(Uint8Array.from(ad));
        return aes.encrypt(key, plaintext, ad);
      },
      decrypt(key, sealed, ad, into) {
        const note = { stream: 'notes', eventId: 'ä' };
        innerSealer.open(innerSealer.seal(new Uint8Array([1]), note), note);
        seen.push(Uint8Array.from(ad));
        return aes.decrypt(key, sealed, ad, into);
      },
    };
    const key = secureRandom.bytes(32);
    const sealer = createPayloadSealer(noting, key);
    for (const context of fixedContexts) {
      seen.length = 0;
      const sealed = sealer.seal(new Uint8Array([3]), context);
      expect(sealer.open(sealed, context)).toBeDefined();
      expect(seen.map(hex)).toEqual([hex(associatedData(context)), hex(associatedData(context))]);
      expect(aes.decrypt(key, sealed, associatedData(context))).toBeDefined();
    }
  });

  it('(pre-existing, not of 77c48e8) keeps a NUL in a name ambiguous: stream "a\\0b"+id "c" = stream "a"+id "b\\0c"', () => {
    // Both the reference and the sealer bind the same bytes here; the library's ids are UUIDs
    // and its stream names have no NUL, so this is noted, not asserted as a break.
    const sealer = createPayloadSealer(createAesGcmCipher(), secureRandom.bytes(32));
    const sealed = sealer.seal(new Uint8Array([1]), { stream: 'a\u0000b', eventId: 'c' });
    expect(hex(associatedData({ stream: 'a\u0000b', eventId: 'c' }))).toBe(
      hex(associatedData({ stream: 'a', eventId: 'b\u0000c' })),
    );
    expect(sealer.open(sealed, { stream: 'a', eventId: 'b\u0000c' })).toBeDefined();
  });
});

// ---------------------------------------------------------------------------------------------
// (2) the shared decrypt buffer
// ---------------------------------------------------------------------------------------------

const SECRET = 'familjeradgivning-secret-marker';
const commandId = '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e3f';
const STREAM = `tally-2025-03-${'ab'.repeat(16)}`;
const ID = '4c1d2e30-3f7e-4d5c-9c39-1f7a4c1d2e30';
const SIZE = 512;

/** A private event under `real`; its secret sits past the first half of its 512 padded bytes. */
function sealedEvent(real: PayloadSealer, marker = SECRET, plaintext?: Uint8Array): RecordedEvent {
  const { event } = sealEvent(
    STREAM,
    0,
    GENESIS_HASH,
    { id: ID, type: 'ContactTallied', data: { filler: 'f'.repeat(300), marker }, meta: { commandId } },
    { sealer: real, paddedSize: () => SIZE },
  );
  const data = plaintext === undefined ? event.data : real.seal(plaintext, { stream: STREAM, eventId: ID });
  return { ...event, data, stream: STREAM, revision: 0, position: '1' };
}

type Behaviour = (
  plain: Uint8Array,
  into: Uint8Array | undefined,
  sealed: Uint8Array,
) => Uint8Array | undefined;

/**
 * A sealer that decrypts with AES-GCM (zeroing node's copy itself), then hands the plaintext
 * over as `behave` says; it notes every `into` and every buffer it returned.
 */
function oddSealer(behave: Behaviour): {
  real: PayloadSealer;
  sealer: PayloadSealer;
  intos: Set<Uint8Array>;
  returned: Uint8Array[];
} {
  const real = createPayloadSealer(createAesGcmCipher(), secureRandom.bytes(32));
  const intos = new Set<Uint8Array>();
  const returned: Uint8Array[] = [];
  return {
    real,
    intos,
    returned,
    sealer: {
      algorithm: real.algorithm,
      seal: (plaintext, context) => real.seal(plaintext, context),
      open(sealed, context, into) {
        if (into !== undefined) intos.add(into);
        const plain = real.open(sealed, context);
        if (plain === undefined) return undefined;
        try {
          const result = behave(plain, into, sealed);
          if (result !== undefined) returned.push(result);
          return result;
        } finally {
          plain.fill(0);
        }
      },
    },
  };
}

const allZero = (bytes: Uint8Array): boolean => bytes.every((byte) => byte === 0);
const holds = (bytes: Uint8Array, text: string): boolean =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text);
const wholeBuffer = (view: Uint8Array): Uint8Array => new Uint8Array(view.buffer);

describe('the shared decrypt buffer, with ciphers that write or return odd views', () => {
  const cases: [string, Behaviour, RegExp | undefined][] = [
    [
      'a view into `into` at an offset past the ciphertext',
      (plain, into, sealed) => {
        if (into === undefined) return Uint8Array.from(plain);
        const at = sealed.length + 1000;
        into.set(plain, at);
        return into.subarray(at, at + plain.length);
      },
      undefined,
    ],
    [
      'a view longer than the ciphertext (to the end of `into`)',
      (plain, into) => {
        if (into === undefined) return Uint8Array.from(plain);
        into.set(plain, into.length - plain.length);
        return into.subarray(into.length - plain.length - 3000);
      },
      /padding is broken|not an event record/,
    ],
    [
      'the whole of `into`',
      (plain, into) => {
        if (into === undefined) return Uint8Array.from(plain);
        into.set(plain, 0);
        return into;
      },
      undefined,
    ],
    [
      'a fresh copy, having also written the plaintext into `into` at its start',
      (plain, into) => {
        into?.set(plain, 0);
        return Uint8Array.from(plain);
      },
      undefined,
    ],
    [
      'a view into a larger buffer of its own, at an offset',
      (plain) => {
        const own = new Uint8Array(plain.length + 64);
        own.set(plain, 32);
        return own.subarray(32, 32 + plain.length);
      },
      undefined,
    ],
    [
      'a refusal after writing the plaintext into `into` at its start',
      (plain, into) => {
        into?.set(plain, 0);
        return undefined;
      },
      /does not decrypt/,
    ],
    [
      'a throw after writing the plaintext into `into` at its start',
      (plain, into) => {
        into?.set(plain, 0);
        throw new Error('cipher broke');
      },
      /cipher broke/,
    ],
    [
      'a view into `into` at an offset, its padding broken',
      (plain, into, sealed) => {
        const broken = Uint8Array.from(plain);
        broken.fill(0x20, broken.lastIndexOf(0x80)); // no marker
        const target = into ?? new Uint8Array(sealed.length + 2000);
        target.set(broken, 777);
        broken.fill(0);
        return target.subarray(777, 777 + plain.length);
      },
      /padding is broken/,
    ],
  ];

  it.each(cases)('leaves no plaintext in `into` or in what it returned: %s', (_name, behave, throws) => {
    const { real, sealer, intos, returned } = oddSealer(behave);
    const recorded = sealedEvent(real);
    if (throws === undefined) {
      const opened = openEvent(recorded, () => sealer);
      expect(opened.readable && opened.data).toEqual({ filler: 'f'.repeat(300), marker: SECRET });
    } else expect(() => openEvent(recorded, () => sealer)).toThrow(throws);
    expect(intos.size).toBe(1);
    for (const into of intos) {
      expect(holds(into, SECRET)).toBe(false);
      expect(allZero(into)).toBe(true);
    }
    for (const view of returned) expect(allZero(view)).toBe(true);
  });

  it('leaves nothing behind when an inner opening (inside decrypt) writes into the outer buffer it kept', () => {
    // A cipher that keeps the buffer it was given (which the contract forbids) and, asked to
    // open an inner event without one, decrypts there anyway, far past the outer plaintext.
    let kept: Uint8Array | undefined;
    const inner = oddSealer((plain, into) => {
      const target = into ?? kept;
      if (target === undefined) return Uint8Array.from(plain);
      target.set(plain, 20_000);
      return target.subarray(20_000, 20_000 + plain.length);
    });
    const innerEvent = sealedEvent(inner.real, 'inner-secret-marker');
    const outer = oddSealer((plain, into) => {
      if (into === undefined) return Uint8Array.from(plain);
      kept = into;
      into.set(plain, 0);
      const view = into.subarray(0, plain.length);
      const opened = openEvent(innerEvent, () => inner.sealer);
      expect(opened.readable && opened.data).toEqual({
        filler: 'f'.repeat(300),
        marker: 'inner-secret-marker',
      });
      return view;
    });
    const opened = openEvent(sealedEvent(outer.real), () => outer.sealer);
    expect(opened.readable && opened.data).toEqual({ filler: 'f'.repeat(300), marker: SECRET });
    const scratch = [...outer.intos][0] as Uint8Array;
    expect(inner.intos.size).toBe(0); // the inner opening was given no buffer
    expect(holds(scratch, 'inner-secret-marker')).toBe(false);
    expect(holds(scratch, SECRET)).toBe(false);
    expect(allZero(scratch)).toBe(true);
    for (const view of [...outer.returned, ...inner.returned]) expect(allZero(view)).toBe(true);
  });

  it('leaves nothing behind with nested openings through the real ciphers', () => {
    const aes = createAesGcmCipher();
    const auditKey = createPayloadSealer(aes, secureRandom.bytes(32));
    const audit = sealedEvent(auditKey, 'audit-secret-marker');
    const intos = new Set<Uint8Array>();
    const returned: Uint8Array[] = [];
    const auditing: Cipher = {
      algorithm: aes.algorithm,
      encrypt: (key, plaintext, ad) => aes.encrypt(key, plaintext, ad),
      decrypt(key, sealed, ad, into) {
        if (into !== undefined) intos.add(into);
        const plain = aes.decrypt(key, sealed, ad, into);
        const opened = openEvent(audit, () => auditKey);
        expect(opened.readable && opened.data).toEqual({
          filler: 'f'.repeat(300),
          marker: 'audit-secret-marker',
        });
        if (plain !== undefined) returned.push(plain);
        return plain;
      },
    };
    const sealer = createPayloadSealer(auditing, secureRandom.bytes(32));
    const opened = openEvent(sealedEvent(sealer), () => sealer);
    expect(opened.readable && opened.data).toEqual({ filler: 'f'.repeat(300), marker: SECRET });
    expect(intos.size).toBe(1);
    for (const into of intos) expect(allZero(wholeBuffer(into))).toBe(true);
    for (const view of returned) expect(allZero(view)).toBe(true);
  });

  // Outside the Cipher type (it returns a Uint8Array): a cipher that hands back a wider-element
  // view of the buffer. Before 77c48e8 `padded.fill(0)` zeroed all its bytes; 77c48e8 zeroed the
  // buffer to `byteOffset + length` — elements, not bytes — and left the second half: it is
  // zeroed to `byteOffset + byteLength` now.
  it('(type-violating cipher) a Uint16Array view into `into` past the ciphertext is zeroed whole', () => {
    const { real, sealer, intos } = oddSealer((plain, into, sealed) => {
      const target = into ?? new Uint8Array(sealed.length + 2000);
      const at = sealed.length + 1000 + ((sealed.length + 1000) % 2);
      target.set(plain, at);
      return new Uint16Array(target.buffer, at, plain.length / 2) as unknown as Uint8Array;
    });
    expect(() => openEvent(sealedEvent(real), () => sealer)).toThrow();
    const scratch = [...intos][0] as Uint8Array;
    expect(holds(scratch, SECRET)).toBe(false);
    expect(allZero(scratch)).toBe(true);
  });
});
