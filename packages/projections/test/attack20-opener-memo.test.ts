/**
 * Attack 20: the keyed opener's per-stream memo (stream → { codec, sealer }) and the statistics
 * cube's last-answer cache of cross-tabulation pairs (commit c1571ea).
 *
 * Claims attacked:
 * 1. once `forget(keyId)` is called, no event of a stream under that key opens again (it comes
 *    back `readable: false`: not thrown, not decrypted) — also when the key was forgotten while
 *    its first lookup was pending, and for every stream of the period, not just the last one;
 * 2. an event opens only with its own stream's key and its own codec (a stream switching
 *    cipher, streams of other periods and series, public streams, missing keys);
 * 3. the memo keeps no subkey alive: a dropped opener is collected with its subkeys zeroed, and
 *    a forgotten key's sealer is not kept reachable by the memo;
 * 4. the cube's numbers equal a naive recount across catalogue adoptions and snapshot restores.
 *
 * Every test passes while the claim holds. Each was seen to fail against a weakened source (see
 * the report of attack 20): the weakening that makes it fail is named above each test.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  type Catalogue,
  type Cipher,
  type CommandService,
  type ContactTallied,
  createAesGcmCipher,
  createPayloadSealer,
  createXChaChaCipher,
  deriveSubkeys,
  type EventStore,
  GENESIS_HASH,
  type JsonValue,
  type KeyStore,
  type OpenedEvent,
  paddedSizeFor,
  privateStreamOf,
  type RecordedEvent,
  type SheetTables,
  type SodiumNative,
  sealEvent,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  createStatisticsCube,
  replay,
  type StatisticsCube,
  statisticsProjection,
} from '../src/index.js';
import { createKeyedOpener } from '../src/reading/keyed-opener.js';
import { adoptedService } from './workload.js';

const require = createRequire(import.meta.url);
const sodium = require('sodium-native') as SodiumNative;

const uuid = (n: number): string => `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let nextId = 0;
const freshId = (): string => {
  nextId += 1;
  return `20aa0000-0000-4000-8000-${String(nextId).padStart(12, '0')}`;
};

// ---------------------------------------------------------------------------------------------
// A crafted log: private events sealed exactly as the service seals them (sealEvent, padded per
// stream kind, AAD bound to stream and event id), under keys of a memory key store.
// ---------------------------------------------------------------------------------------------

const MARCH = 'period-2025-03';
const APRIL = 'period-2025-04';
const TALLY_MARCH_A = 'tally-2025-03-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const TALLY_MARCH_B = 'tally-2025-03-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const REGISTRY_MARCH = 'registry-2025-03';
const TALLY_APRIL = 'tally-2025-04-cccccccccccccccccccccccccccccccc';
const SERIES_KEPT = 'series-11111111111111111111111111111111';
const SERIES_CLOSED = 'series-22222222222222222222222222222222';

let position = 0;
const revisions = new Map<string, number>();
/** The marker each crafted event carries. */
const markers = new WeakMap<RecordedEvent, string>();
const marked = (event: RecordedEvent, marker: string): RecordedEvent => {
  markers.set(event, marker);
  return event;
};

/**
 * An event of `stream` sealed with `cipher` under `material`, padded as a stream of `kind` pads;
 * its data names it (`marker`).
 */
function sealedAs(
  kind: 'tally' | 'registry' | 'series',
  stream: string,
  cipher: Cipher,
  material: Uint8Array,
  marker: string,
): RecordedEvent {
  const revision = revisions.get(stream) ?? 0;
  revisions.set(stream, revision + 1);
  const sealer = createPayloadSealer(cipher, deriveSubkeys(material).encryption);
  const { event } = sealEvent(
    stream,
    revision,
    GENESIS_HASH,
    { id: freshId(), type: 'Marked', data: { marker }, meta: { commandId: freshId() } },
    { sealer, paddedSize: (length, type) => paddedSizeFor(kind, length, type) },
  );
  position += 1;
  return marked({ ...event, stream, revision, position: String(position) }, marker);
}

/** A private event of `stream`, sealed with `cipher` under `material`; its data names it (`marker`). */
function sealed(stream: string, cipher: Cipher, material: Uint8Array, marker: string): RecordedEvent {
  const owner = privateStreamOf(stream);
  if (owner === undefined) throw new Error(`${stream} is not private`);
  return sealedAs(owner.kind, stream, cipher, material, marker);
}

/** A public (plain) event. */
function plain(stream: string, marker: string): RecordedEvent {
  const revision = revisions.get(stream) ?? 0;
  revisions.set(stream, revision + 1);
  const { event } = sealEvent(stream, revision, GENESIS_HASH, {
    id: freshId(),
    type: 'Marked',
    data: { marker },
    meta: { commandId: freshId() },
  });
  position += 1;
  return marked({ ...event, stream, revision, position: String(position) }, marker);
}

/** A public stream's event encrypted under a private key (what a writer with a key could put there). */
const sealedInPublic = (
  stream: string,
  cipher: Cipher,
  material: Uint8Array,
  marker: string,
): RecordedEvent => sealedAs('tally', stream, cipher, material, marker);

interface Keys {
  readonly keys: KeyStore;
  readonly march: Uint8Array;
  readonly april: Uint8Array;
  readonly seriesKept: Uint8Array;
  readonly seriesClosed: Uint8Array;
}

/** Keys of March, April and two series; April and the closed series are destroyed afterwards when asked. */
async function keyStore(destroyed: readonly string[] = []): Promise<Keys> {
  const keys = createMemoryKeyStore();
  // Copies: the key store zeroes what it destroys, and the crafted log still needs the bytes.
  const march = Uint8Array.from(await keys.create(MARCH));
  const april = Uint8Array.from(await keys.create(APRIL));
  const seriesKept = Uint8Array.from(await keys.create(SERIES_KEPT));
  const seriesClosed = Uint8Array.from(await keys.create(SERIES_CLOSED));
  for (const id of destroyed) await keys.destroy(id);
  return { keys, march, april, seriesKept, seriesClosed };
}

/** A key store whose answers wait until released (a remote key store, a slow KMS). */
function heldKeyStore(inner: KeyStore) {
  const waiting: (() => void)[] = [];
  let lookups = 0;
  const keys: KeyStore = {
    create: (id) => inner.create(id),
    destroy: (id) => inner.destroy(id),
    get: async (id) => {
      lookups += 1;
      const answer = await inner.get(id);
      await new Promise<void>((resolve) => waiting.push(resolve));
      return answer;
    },
  };
  return {
    keys,
    lookups: () => lookups,
    release: async () => {
      // Let the lookups reach their wait, then answer them all.
      for (let round = 0; round < 5; round += 1) await Promise.resolve();
      for (const resolve of waiting.splice(0)) resolve();
      for (let round = 0; round < 5; round += 1) await Promise.resolve();
    },
  };
}

/** A cipher that counts what it decrypts (and never decrypts with a key of zeros unnoticed). */
function counting(cipher: Cipher) {
  const seen = {
    decrypted: 0,
    withZeroKey: 0,
    keys: [] as Uint8Array[],
    /** The subkeys each stream's events were decrypted with (the associated data names the stream). */
    byStream: new Map<string, Uint8Array[]>(),
  };
  const wrapped: Cipher = {
    algorithm: cipher.algorithm,
    encrypt: (key, plaintext, associated) => cipher.encrypt(key, plaintext, associated),
    decrypt(key, sealedBytes, associated, into) {
      seen.decrypted += 1;
      if (key.every((byte) => byte === 0)) seen.withZeroKey += 1;
      if (!seen.keys.includes(key)) seen.keys.push(key);
      const stream = Buffer.from(associated).toString('utf8').split('\u0000')[0] as string;
      const used = seen.byStream.get(stream) ?? [];
      if (!used.includes(key)) used.push(key);
      seen.byStream.set(stream, used);
      return cipher.decrypt(key, sealedBytes, associated, into);
    },
  };
  return { cipher: wrapped, seen };
}

/** Opens an event, never letting a throw pass for an answer. */
async function opened(
  opener: ReturnType<typeof createKeyedOpener>,
  event: RecordedEvent,
): Promise<OpenedEvent> {
  return await opener.open(event);
}

const markerOf = (event: OpenedEvent): string | undefined =>
  event.readable ? ((event.data as { marker?: string }).marker ?? undefined) : undefined;

// ---------------------------------------------------------------------------------------------
// Claim 1: forgetting a key — also while its lookup is pending.
// ---------------------------------------------------------------------------------------------

describe('attack 20, claim 1: a forgotten key opens nothing again', () => {
  // Fails with: the check `if (forgotten.has(keyId)) return undefined;` after `await keys?.get`
  // removed from `sealer` (the first event then throws MalformedEvent: the guarded sealer refuses).
  it('forgotten while the first event’s lookup is pending: that event and every later one of the period stay sealed away', async () => {
    const aes = createAesGcmCipher();
    const { keys, march } = await keyStore();
    const held = heldKeyStore(keys);
    const { cipher, seen } = counting(aes);
    const opener = createKeyedOpener(held.keys, [cipher]);
    const events = [0, 1, 2, 3].map((n) => sealed(TALLY_MARCH_A, aes, march, `A${n}`));
    const registry = sealed(REGISTRY_MARCH, aes, march, 'R0');

    const first = opener.open(events[0] as RecordedEvent);
    const second = opener.open(events[1] as RecordedEvent); // also pending: the sealer is not cached yet
    expect(first).toBeInstanceOf(Promise);
    opener.forget(MARCH);
    await held.release();
    const answers = await Promise.all([first, second]);
    expect(answers.map((answer) => answer.readable)).toEqual([false, false]);
    // More events of the same stream (the memo's path), another stream of the period.
    for (const event of [events[2], events[3], registry, events[0]]) {
      const again = await opened(opener, event as RecordedEvent);
      expect(again.readable, `${event?.stream}#${event?.revision}`).toBe(false);
      await held.release();
    }
    expect(seen.decrypted, 'events decrypted after the key was forgotten').toBe(0);
    expect(await opener.sealer(MARCH, aes.algorithm)).toBeUndefined();
  });

  // Fails with: `byStream.clear()` removed from `forget` (the memo's sealer refuses to open,
  // and openEvent throws MalformedEvent instead of answering `readable: false`).
  it('forgotten while another key’s lookup is pending: the period’s streams the memo knew open nothing', async () => {
    const aes = createAesGcmCipher();
    const { keys, march, april } = await keyStore();
    const held = heldKeyStore(keys);
    const { cipher, seen } = counting(aes);
    const opener = createKeyedOpener(held.keys, [cipher]);
    const a = [0, 1, 2, 3].map((n) => sealed(TALLY_MARCH_A, aes, march, `A${n}`));
    const aprilEvents = [0, 1].map((n) => sealed(TALLY_APRIL, aes, april, `P${n}`));

    const firstA = opener.open(a[0] as RecordedEvent);
    await held.release();
    expect(markerOf(await firstA)).toBe('A0');
    // Synchronous from now on: the first through the key id, the next through the memo.
    const viaCache = opener.open(a[1] as RecordedEvent);
    const viaMemo = opener.open(a[2] as RecordedEvent);
    expect(viaCache).not.toBeInstanceOf(Promise);
    expect(markerOf(await viaCache)).toBe('A1');
    expect(markerOf(await viaMemo)).toBe('A2');

    const pendingApril = opener.open(aprilEvents[0] as RecordedEvent);
    expect(pendingApril).toBeInstanceOf(Promise);
    const decryptedBefore = seen.decrypted;
    opener.forget(MARCH); // the period is sealed while April's key is looked up
    const after = await opened(opener, a[3] as RecordedEvent);
    await held.release();
    expect(after.readable).toBe(false);
    expect(markerOf(await pendingApril)).toBe('P0');
    expect((await opened(opener, a[1] as RecordedEvent)).readable).toBe(false);
    await held.release();
    expect(markerOf(await opened(opener, aprilEvents[1] as RecordedEvent))).toBe('P1');
    // Only April's two events were decrypted after the forget.
    expect(seen.decrypted - decryptedBefore).toBe(2);
  });

  // Fails with: `byStream.clear()` removed from `forget` (every stream the memo knew throws
  // MalformedEvent after the forget); with `subkeys.get(cacheKey)?.fill(0)` removed (March's
  // subkey, found through three streams, not zeroed); with the memo one slot or module-wide.
  it('a period of many streams, each in the memo: all sealed away after forget, other keys still open', async () => {
    const aes = createAesGcmCipher();
    const { keys, march, april, seriesKept } = await keyStore();
    const { cipher, seen } = counting(aes);
    const opener = createKeyedOpener(keys, [cipher]);
    const streams = [TALLY_MARCH_A, TALLY_MARCH_B, REGISTRY_MARCH];
    const log: RecordedEvent[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (const stream of streams) log.push(sealed(stream, aes, march, `${stream}#${round}`));
      log.push(sealed(TALLY_APRIL, aes, april, `april#${round}`));
      log.push(sealed(SERIES_KEPT, aes, seriesKept, `series#${round}`));
    }
    // Rounds 0–1: everything opens (the memo learns every stream).
    for (const event of log.slice(0, 10))
      expect(markerOf(await opened(opener, event))).toBe(markers.get(event));
    opener.forget(MARCH);
    // March's subkey, which opened all three of its streams, is zeros now; April's is not.
    const marchSubkeys = streams.flatMap((stream) => seen.byStream.get(stream) ?? []);
    expect(new Set(marchSubkeys).size).toBe(1);
    expect(marchSubkeys.every((subkey) => subkey.every((byte) => byte === 0))).toBe(true);
    expect(seen.byStream.get(TALLY_APRIL)?.[0]?.some((byte) => byte !== 0)).toBe(true);
    for (const event of log) {
      const answer = await opened(opener, event);
      if (privateStreamOf(event.stream)?.keyId === MARCH) expect(answer.readable, event.stream).toBe(false);
      else expect(answer.readable, event.stream).toBe(true);
    }
    opener.forget(SERIES_KEPT);
    for (const event of log)
      expect((await opened(opener, event)).readable, event.stream).toBe(event.stream === TALLY_APRIL);
  });

  // Fails with: `byStream.clear()` removed from `forget` (the stale detail event throws
  // MalformedEvent out of the projection's apply).
  it('a projection that read a month, then its seal, then a detail event read before the deletion: counted undecryptable, not thrown, not folded', async () => {
    const { store, keys, service } = await recordedStore();
    const projection = statisticsProjection({ keys });
    const { state } = await replay(store, projection);
    // Copies, as a store on a server hands them out (the memory store wipes deleted bytes in place).
    const detail = (await collect(store.readAll()))
      .filter((event) => event.stream.startsWith('tally-2025-03'))
      .map((event) => ({
        ...event,
        data: Uint8Array.from(event.data),
        metadata: Uint8Array.from(event.metadata),
      }));
    expect(detail.length).toBeGreaterThanOrEqual(3);
    const before = contactsOf(state);
    const sealedNow = await service.sealPeriod({
      type: 'SealPeriod',
      commandId: uuid(900),
      period: '2025-03',
    });
    expect(sealedNow._tag).toBe('Right');
    // The seal as the projection reads it: its tables, then the seal itself.
    const seal = (await collect(store.readAll())).filter(
      (event) => event.type === 'SheetsSealed' || event.type === 'PeriodSealed',
    );
    expect(seal.map((event) => event.type)).toEqual(['SheetsSealed', 'PeriodSealed']);
    let cube = state;
    for (const event of seal) cube = await projection.apply(cube, event);
    // A page read before the deletion still holds March's detail: the runner applies it.
    for (const event of detail) cube = await projection.apply(cube, event);
    expect(contactsOf(cube)).toEqual(before);
    expect(cube.undecryptable).toBe(detail.length);
    const saved = (await projection.snapshot(cube)) as unknown as { open: { period: string }[] };
    expect(saved.open.map((group) => group.period)).not.toContain('2025-03');
  });
});

// ---------------------------------------------------------------------------------------------
// Claim 2: no confusion of streams, keys or codecs.
// ---------------------------------------------------------------------------------------------

describe('attack 20, claim 2: each event opens with its own stream’s key and its own codec', () => {
  const aes = createAesGcmCipher();
  const xchacha = createXChaChaCipher(sodium);

  // Fails with: `known.codec === codec` dropped from `open` (an xchacha event after an aes one
  // of its stream is opened with the aes sealer: MalformedEvent).
  it('a stream whose events switch cipher and back opens each with its own codec', async () => {
    const { keys, march } = await keyStore();
    const plan = [aes, aes, xchacha, xchacha, aes, xchacha, aes, aes, xchacha];
    const log = plan.map((cipher, n) => sealed(TALLY_MARCH_A, cipher, march, `${cipher.algorithm}#${n}`));
    const both = createKeyedOpener(keys, [aes, xchacha]);
    for (const event of [...log, ...log]) {
      const answer = await opened(both, event);
      expect(answer.codec).toBe(plan[log.indexOf(event)]?.algorithm);
      expect(markerOf(answer)).toBe(markers.get(event));
    }
    // An opener with one cipher: the other codec's events are sealed away, never thrown.
    for (const only of [aes, xchacha]) {
      const one = createKeyedOpener(keys, [only]);
      for (const event of [...log, ...log]) {
        const answer = await opened(one, event);
        expect(answer.readable, `${answer.codec} with only ${only.algorithm}`).toBe(
          answer.codec === only.algorithm,
        );
      }
    }
  });

  // Fails with: `known.codec === codec` dropped (the auditor reports the stream's XChaCha events
  // as EVENT_MALFORMED — altered or damaged — when they are sound).
  it('an auditor replaying a chained stream that switched cipher: nothing reported malformed but the one event altered', async () => {
    const { keys, march } = await keyStore();
    const store = createMemoryEventStore();
    const plan = [aes, aes, aes, xchacha, xchacha, aes, xchacha, xchacha, aes];
    const tampered = 7; // an XChaCha event right after another: met through the memo
    let prev = GENESIS_HASH;
    for (const [revision, cipher] of plan.entries()) {
      const sealer = createPayloadSealer(cipher, deriveSubkeys(march).encryption);
      const next = sealEvent(
        TALLY_MARCH_A,
        revision,
        prev,
        { id: freshId(), type: 'Marked', data: { revision }, meta: { commandId: freshId() } },
        { sealer, paddedSize: (length, type) => paddedSizeFor('tally', length, type) },
      );
      prev = next.hash;
      const data = Uint8Array.from(next.event.data);
      if (revision === tampered) data[data.length - 20] = (data[data.length - 20] as number) ^ 1;
      const appended = await store.append(TALLY_MARCH_A, [{ ...next.event, data }], { expected: 'any' });
      expect(appended._tag).toBe('Right');
    }
    const malformed = (findings: readonly { code: string; revision?: number }[]) =>
      findings.filter((finding) => finding.code === 'EVENT_MALFORMED').map((finding) => finding.revision);
    const both = await auditLog(store, { keys, ciphers: [aes, xchacha], today: '2025-04-01' });
    expect(malformed(both.findings)).toEqual([tampered]);
    expect(both.sealedDetail).toBe(0);
    // An auditor without the second cipher: those events are sealed away (not malformed) — but
    // for the altered one, which it cannot tell from the others.
    const aesOnly = await auditLog(store, { keys, ciphers: [aes], today: '2025-04-01' });
    expect(malformed(aesOnly.findings)).toEqual([]);
    expect(aesOnly.sealedDetail).toBe(plan.filter((cipher) => cipher === xchacha).length);
  });

  // Fails with: the memo keyed by anything coarser than the stream (e.g. `byStream.get('')` /
  // `byStream.set('', …)`, one slot): April's, the closed series', the public stream's events are
  // then opened with March's sealer (MalformedEvent, or a public event decrypted).
  it('streams of two periods, two series (one key destroyed) and public streams, interleaved, never borrow a sealer', async () => {
    const { keys, march, april, seriesKept, seriesClosed } = await keyStore([APRIL, SERIES_CLOSED]);
    const log: RecordedEvent[] = [];
    for (let round = 0; round < 3; round += 1) {
      log.push(sealed(TALLY_MARCH_A, aes, march, `march#${round}`));
      log.push(sealed(TALLY_MARCH_A, aes, march, `march#${round}b`));
      log.push(sealed(TALLY_APRIL, aes, april, `april#${round}`)); // key destroyed
      log.push(sealed(SERIES_KEPT, aes, seriesKept, `kept#${round}`));
      log.push(sealed(SERIES_KEPT, aes, seriesKept, `kept#${round}b`));
      log.push(sealed(SERIES_CLOSED, aes, seriesClosed, `closed#${round}`)); // key destroyed
      // A public stream: a plain event, and one encrypted under March's key (a careless or
      // malicious writer): public streams are never opened with a private key.
      log.push(plain('period-2025-03', `public#${round}`));
      log.push(sealedInPublic('period-2025-03', aes, march, `smuggled#${round}`));
      log.push(sealedInPublic('series-index', aes, seriesKept, `index#${round}`));
      log.push(sealed(TALLY_MARCH_B, aes, march, `marchB#${round}`));
    }
    const opener = createKeyedOpener(keys, [aes, xchacha]);
    const expected = (event: RecordedEvent): boolean =>
      event.stream === TALLY_MARCH_A ||
      event.stream === TALLY_MARCH_B ||
      event.stream === SERIES_KEPT ||
      (event.stream === 'period-2025-03' && event.type !== 'Encrypted');
    for (const event of [...log, ...log.slice().reverse()]) {
      const answer = await opened(opener, event);
      expect(answer.readable, `${event.stream}#${event.revision}`).toBe(expected(event));
      if (answer.readable) expect(markerOf(answer)).toBe(markers.get(event));
    }
  });

  // Fails with: the one-slot memo above (`byStream.get('')`), and with the memo hoisted to the
  // module (shared by every opener, so one opener's sealer answers for another's streams).
  it('a series stream opens with its own key even right after a tally stream of a period key with the same codec', async () => {
    const { keys, march, seriesKept } = await keyStore();
    const opener = createKeyedOpener(keys, [aes]);
    const log: RecordedEvent[] = [];
    for (let round = 0; round < 5; round += 1) {
      log.push(sealed(TALLY_MARCH_A, aes, march, `march#${round}`));
      log.push(sealed(SERIES_KEPT, aes, seriesKept, `kept#${round}`));
    }
    const answers: (string | undefined)[] = [];
    for (const event of log) answers.push(markerOf(await opened(opener, event)));
    expect(answers).toEqual(log.map((_, n) => (n % 2 === 0 ? `march#${n / 2}` : `kept#${(n - 1) / 2}`)));
  });
});

// ---------------------------------------------------------------------------------------------
// Claim 3: the memo keeps no subkey alive.
// ---------------------------------------------------------------------------------------------

const openerSource = new URL('../src/reading/keyed-opener.ts', import.meta.url).href;

// Run in a plain Node process with --expose-gc, on the opener's source through tsx (the test
// runner's workers keep other things alive): core from its build.
const gcScript = `
import { createKeyedOpener } from ${JSON.stringify(openerSource)};
import { createRequire } from 'node:module';
import {
  createAesGcmCipher, createXChaChaCipher, createPayloadSealer, deriveSubkeys, GENESIS_HASH,
  paddedSizeFor, privateStreamOf, sealEvent,
} from '@pinnstatistik/core';
import { randomBytes, randomUUID } from 'node:crypto';
const require = createRequire(import.meta.url);
const aes = createAesGcmCipher();
const xchacha = createXChaChaCipher(require('sodium-native'));
const ids = ['period-2025-03', 'period-2025-04', 'series-11111111111111111111111111111111'];
const material = new Map(ids.map((id) => [id, new Uint8Array(randomBytes(32))]));
const keys = { create: async (id) => material.get(id), get: async (id) => material.get(id), destroy: async () => ({ outcome: 'verified' }) };
const streams = ['tally-2025-03-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'registry-2025-03', 'tally-2025-04-cccccccccccccccccccccccccccccccc', 'series-11111111111111111111111111111111'];
const revisions = new Map();
function sealed(stream, cipher) {
  const owner = privateStreamOf(stream);
  const revision = revisions.get(stream) ?? 0;
  revisions.set(stream, revision + 1);
  const sealer = createPayloadSealer(cipher, deriveSubkeys(material.get(owner.keyId)).encryption);
  const { event } = sealEvent(stream, revision, GENESIS_HASH, { id: randomUUID(), type: 'Marked', data: { n: revision }, meta: { commandId: randomUUID() } },
    { sealer, paddedSize: (length, type) => paddedSizeFor(owner.kind, length, type) });
  return { ...event, stream, revision, position: String(revision) };
}
const log = [];
for (let round = 0; round < 4; round += 1) for (const stream of streams) log.push(sealed(stream, round % 2 === 0 ? aes : xchacha));
const subkeys = [];
const watch = (cipher) => ({
  algorithm: cipher.algorithm,
  encrypt: (key, plaintext, associated) => cipher.encrypt(key, plaintext, associated),
  decrypt(key, sealedBytes, associated, into) {
    if (!subkeys.includes(key)) subkeys.push(key);
    return cipher.decrypt(key, sealedBytes, associated, into);
  },
});
const ciphers = [watch(aes), watch(xchacha)];
async function readAllAndDrop() {
  const opener = createKeyedOpener(keys, ciphers);
  let read = 0;
  for (const event of log) if ((await opener.open(event)).readable) read += 1;
  return { read, watched: new WeakRef(opener) };
}
// A kept opener: the memo learns March's streams, then March is forgotten.
const kept = createKeyedOpener(keys, [aes, xchacha]);
async function learnAndForget() {
  for (const event of log) await kept.open(event);
  // Both of March's sealers: the memo holds whichever cipher each stream's last event used.
  return [aes, xchacha].map(async (cipher) => new WeakRef(await kept.sealer('period-2025-03', cipher.algorithm)));
}
const forgottenSealers = await Promise.all(await learnAndForget());
kept.forget('period-2025-03');
const { read, watched } = await readAllAndDrop();
for (let round = 0; round < 20; round += 1) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  globalThis.gc();
}
const stillOpens = (await kept.open(log[2])).readable; // April, through the kept opener
console.log(JSON.stringify({
  read,
  subkeys: subkeys.length,
  collected: watched.deref() === undefined,
  zeroed: subkeys.length > 0 && subkeys.every((key) => key.every((byte) => byte === 0)),
  forgottenSealerKept: forgottenSealers.some((ref) => ref.deref() !== undefined),
  stillOpens,
}));
`;

describe('attack 20, claim 3: the memo keeps no subkey alive', () => {
  // Fails with: `byStream` hoisted out of `createKeyedOpener` (a module-wide memo: the dropped
  // opener is kept alive through its sealers, its subkeys never zeroed); and with
  // `byStream.clear()` removed (the forgotten key's sealer stays reachable from the memo).
  it('a dropped opener that memoised streams of two ciphers is collected with every subkey zeroed; a forgotten key’s sealer is not held by the memo', () => {
    const output = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', gcScript],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
    );
    const last = output.trim().split('\n').at(-1) ?? '{}';
    expect(JSON.parse(last), last).toEqual({
      read: 16,
      subkeys: 6, // a subkey per key (three) and algorithm (two)
      collected: true,
      zeroed: true,
      forgottenSealerKept: false,
      stillOpens: true,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Claim 4: the cube equals a naive recount across adoptions and restores.
// ---------------------------------------------------------------------------------------------

const INTERVENTION = 'familjecentral-enskilda-samtal';
const UNIT = 'familjecentral';
const v11 = vaggerydCatalogue();

/** A later version whose intervention cross-tabulates other pairs; another intervention gains pairs. */
function laterCatalogue(version: string, pairs: readonly (readonly [string, string])[]): Catalogue {
  return {
    ...v11,
    version,
    interventions: v11.interventions.map((policy) =>
      policy.id === INTERVENTION && policy.tally.contact !== undefined
        ? {
            ...policy,
            tally: { ...policy.tally, contact: { ...policy.tally.contact, crossTabulations: pairs } },
          }
        : policy,
    ),
  } as Catalogue;
}

const MARKS = {
  gender: 'female',
  adultAge: '25-29',
  numberOfChildren: 'not-stated',
  household: 'not-stated',
  problemArea: 'not-stated',
  routeIn: 'not-stated',
  furtherAction: 'not-stated',
};

type Step =
  | { readonly adopt: Catalogue }
  | {
      readonly tally: {
        readonly interventionId: string;
        readonly unitId: string;
        readonly period: string;
        readonly version: string;
        readonly marks: Record<string, string>;
      };
    };

/** A naive recount of the cross-tabulations: each tally with the pairs of its version as adopted at that moment. */
function naiveCrossTabulations(steps: readonly Step[]): Map<string, number> {
  const adopted: Catalogue[] = [];
  const counts = new Map<string, number>();
  for (const step of steps) {
    if ('adopt' in step) {
      adopted.push(step.adopt);
      continue;
    }
    const { tally } = step;
    const catalogue = adopted.find((candidate) => candidate.version === tally.version);
    const pairs =
      catalogue?.interventions.find((policy) => policy.id === tally.interventionId)?.tally.contact
        ?.crossTabulations ?? [];
    for (const [a, b] of pairs) {
      const key = `${tally.period}|${tally.interventionId}|${tally.unitId}|${a}×${b}|${tally.marks[a]}|${tally.marks[b]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function cubeCrossTabulations(cube: StatisticsCube): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sheet of cube.sheets()) {
    const tables: SheetTables = sheet.tables;
    for (const [pair, cells] of Object.entries(tables.crossTabulations))
      for (const [cell, count] of Object.entries(cells))
        if (count !== 0)
          // Cells are `a|b`: the key reads `period|intervention|unit|pair|a|b`, as the naive one.
          counts.set(`${sheet.period}|${sheet.interventionId}|${sheet.unitId}|${pair}|${cell}`, count);
  }
  return counts;
}

function contactsBySheet(cube: StatisticsCube): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sheet of cube.sheets())
    if (sheet.tables.contacts !== 0)
      counts.set(`${sheet.period}|${sheet.interventionId}|${sheet.unitId}`, sheet.tables.contacts);
  return counts;
}

function naiveContacts(steps: readonly Step[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const step of steps)
    if ('tally' in step) {
      const key = `${step.tally.period}|${step.tally.interventionId}|${step.tally.unitId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

let tallyCount = 0;
function apply(cube: StatisticsCube, step: Step): void {
  if ('adopt' in step) {
    cube.adoptCatalogue(step.adopt);
    return;
  }
  tallyCount += 1;
  const event: ContactTallied = {
    type: 'ContactTallied',
    data: {
      interventionId: step.tally.interventionId,
      unitId: step.tally.unitId,
      period: step.tally.period,
      tallyId: `2c000000-0000-4000-8000-${String(tallyCount).padStart(12, '0')}`,
      catalogueVersion: step.tally.version,
      marks: step.tally.marks,
    },
  };
  cube.applyDetail(event);
}

const tally = (
  version: string,
  marks: Record<string, string> = MARKS,
  where: { interventionId?: string; unitId?: string; period?: string } = {},
): Step => ({
  tally: {
    interventionId: where.interventionId ?? INTERVENTION,
    unitId: where.unitId ?? UNIT,
    period: where.period ?? '2025-03',
    version,
    marks,
  },
});

/** A log read from the middle: tallies of versions not adopted yet, adoptions among them, two interventions of one unit. */
function tangledSteps(): Step[] {
  const v12 = laterCatalogue('1.2', [
    ['gender', 'household'],
    ['adultAge', 'routeIn'],
  ]);
  const v13 = laterCatalogue('1.3', []);
  const male = { ...MARKS, gender: 'male', household: 'single' };
  // Another intervention of the same unit that has no pairs in 1.1 (its pairs come with 1.2 only
  // when the intervention is the one changed): it shares the unit and the period.
  const other = v11.interventions.find(
    (policy) => policy.id !== INTERVENTION && policy.responsibleUnits.includes(UNIT),
  );
  const otherId = other?.id ?? 'familjecentral-spadbarnsmassage';
  return [
    tally('1.1'),
    tally('1.1', male),
    tally('1.2'), // not adopted yet: no pairs
    tally('1.2', male),
    { adopt: v11 },
    tally('1.2'), // still not adopted
    tally('1.1'),
    tally('1.1', male),
    tally('1.1', MARKS, { interventionId: otherId }),
    tally('1.2'), // not adopted yet: the sheet's last answer is "no pairs"
    { adopt: v12 },
    tally('1.2'), // the same version as the sheet's last tally: its pairs now count
    tally('1.2', male),
    tally('1.2', MARKS, { interventionId: otherId }),
    tally('1.1'),
    tally('1.2'),
    tally('1.3'),
    tally('1.3'),
    { adopt: v13 }, // adopts no pairs: 1.3's tallies stay without
    tally('1.3'),
    tally('1.2', male, { period: '2025-04' }),
    tally('1.2', male, { unitId: 'familjecentral-2' }),
    tally('1.1', MARKS, { interventionId: otherId }),
    tally('1.2'),
  ];
}

describe('attack 20, claim 4: the cube equals a naive recount', () => {
  // Fails with: `lastAdopted === catalogues.length` dropped (a sheet whose last tally named 1.2
  // before 1.2 was adopted keeps the empty answer); with the pairs' key built without the
  // intervention id; with `entryFor` keyed by unit only (two interventions of one unit merged).
  it('across adoptions of versions its sheets met before, alternating versions and two interventions of one unit', () => {
    const steps = tangledSteps();
    const cube = createStatisticsCube();
    for (const step of steps) apply(cube, step);
    expect(cubeCrossTabulations(cube)).toEqual(naiveCrossTabulations(steps));
    expect(contactsBySheet(cube)).toEqual(naiveContacts(steps));
    // The tally of 1.2 after its adoption did count (the trap this guards against).
    expect([...cubeCrossTabulations(cube).keys()].some((key) => key.includes('gender×household'))).toBe(true);
  });

  // Fails with: `lastAdopted === catalogues.length` dropped; and with `restore` not pushing the
  // snapshot's catalogues (checked by the same comparison).
  it('restored from a snapshot at every step, then folding on: the same numbers as one pass and as the naive recount', () => {
    const steps = tangledSteps();
    const onePass = createStatisticsCube();
    for (const step of steps) apply(onePass, step);
    for (let cut = 0; cut <= steps.length; cut += 1) {
      const first = createStatisticsCube();
      for (const step of steps.slice(0, cut)) apply(first, step);
      const restored = createStatisticsCube();
      restored.restore(JSON.parse(JSON.stringify(first.snapshot())));
      for (const step of steps.slice(cut)) apply(restored, step);
      // Restoring folds the tables as they were: the naive recount of the whole.
      expect(cubeCrossTabulations(restored), `cut at ${cut}`).toEqual(naiveCrossTabulations(steps));
      expect(contactsBySheet(restored), `cut at ${cut}`).toEqual(contactsBySheet(onePass));
    }
  });

  // Fails with: `restore` not pushing the snapshot's catalogues. (Not with the `lastAdopted` check
  // dropped: tallies the service records only name adopted versions, and each month's stream has
  // one cipher — this guards the projection's checkpoint path end to end.)
  it('a store of two ciphers and two catalogue versions, replayed whole and through a checkpoint at every event, equals the naive recount', async () => {
    const { store, keys, steps } = await twoCipherStore();
    const ciphers = [createAesGcmCipher(), createXChaChaCipher(sodium)];
    const naive = naiveCrossTabulations(steps);
    const whole = await replay(store, statisticsProjection({ keys, ciphers }));
    expect(cubeCrossTabulations(whole.state)).toEqual(naive);
    expect(contactsBySheet(whole.state)).toEqual(naiveContacts(steps));
    const events = await collect(store.readAll());
    for (const cut of [1, 3, Math.floor(events.length / 2), events.length - 2]) {
      const projection = statisticsProjection({ keys, ciphers });
      let cube = projection.initial();
      for (const event of events.slice(0, cut)) cube = await projection.apply(cube, event);
      const saved = JSON.parse(JSON.stringify(await projection.snapshot(cube))) as JsonValue;
      const resumed = statisticsProjection({ keys, ciphers });
      let state = await resumed.restore(saved);
      for (const event of events.slice(cut)) state = await resumed.apply(state, event);
      expect(cubeCrossTabulations(state), `checkpoint after ${cut}`).toEqual(naive);
      expect(contactsBySheet(state), `checkpoint after ${cut}`).toEqual(naiveContacts(steps));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Stores recorded through the command service.
// ---------------------------------------------------------------------------------------------

/** Contacts recorded by `service` in a month (days 11, 12, …), each with its marks; fails on a refusal. */
async function tallyMonth(
  service: CommandService,
  month: string,
  firstCommand: number,
  marksOfEach: readonly Record<string, string>[],
): Promise<void> {
  for (const [at, marks] of marksOfEach.entries()) {
    const tallied = await service.tally({
      type: 'TallyContact',
      commandId: uuid(firstCommand + at),
      interventionId: INTERVENTION,
      unitId: UNIT,
      date: `${month}-1${at + 1}`,
      marks,
    });
    expect(tallied._tag, JSON.stringify(tallied)).toBe('Right');
  }
}

async function recordedStore(): Promise<{ store: EventStore; keys: KeyStore; service: CommandService }> {
  const { store, keys, service } = await adoptedService({ adopt: v11 });
  await tallyMonth(service, '2025-03', 1, [MARKS, MARKS, MARKS]);
  return { store, keys, service };
}

/** March recorded under AES-GCM and 1.1; April, by a service configured with XChaCha, under 1.2. */
async function twoCipherStore(): Promise<{ store: EventStore; keys: KeyStore; steps: Step[] }> {
  const {
    store,
    keys,
    service: first,
    make,
  } = await adoptedService({
    now: '2025-03-20T12:00:00Z',
    cipher: createAesGcmCipher(),
    adopt: v11,
  });
  const steps: Step[] = [{ adopt: v11 }];
  const male = { ...MARKS, gender: 'male', household: 'single' };
  await tallyMonth(first, '2025-03', 101, [MARKS, male, MARKS]);
  steps.push(...[MARKS, male, MARKS].map((marks) => tally('1.1', marks)));
  const v12 = {
    ...laterCatalogue('1.2', [['gender', 'household']]),
    effectiveFrom: '2025-04-01',
  } as Catalogue;
  const adopted = await first.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(997),
    catalogue: v12,
  });
  expect(adopted._tag, JSON.stringify(adopted)).toBe('Right');
  steps.push({ adopt: v12 });
  await tallyMonth(make('2025-04-20T12:00:00Z', createXChaChaCipher(sodium)), '2025-04', 201, [
    male,
    MARKS,
    male,
  ]);
  steps.push(...[male, MARKS, male].map((marks) => tally('1.2', marks, { period: '2025-04' })));
  return { store, keys, steps };
}

function contactsOf(cube: StatisticsCube): number {
  return [...cube.sheets()].reduce((sum, sheet) => sum + sheet.tables.contacts, 0);
}

// Side findings of attack 20, fixed after it (each test failed before the fix).
describe('attack 20, side findings', () => {
  // Failed before: `restore` kept the pair map of what the cube had folded — a version it met
  // before adopting it stayed without pairs after a snapshot holding its catalogue was restored.
  it('a cube that folded a version before its catalogue, then restored a snapshot holding that catalogue, counts the version’s pairs', () => {
    const withCatalogue = createStatisticsCube();
    apply(withCatalogue, { adopt: v11 });
    const used = createStatisticsCube();
    apply(used, tally('1.1'));
    expect(cubeCrossTabulations(used).size).toBe(0);
    used.restore(JSON.parse(JSON.stringify(withCatalogue.snapshot())));
    apply(used, tally('1.1'));
    const steps: Step[] = [tally('1.1'), { adopt: v11 }, tally('1.1')];
    expect(cubeCrossTabulations(used)).toEqual(naiveCrossTabulations(steps));
    expect(cubeCrossTabulations(used).size).toBeGreaterThan(0);
  });

  // Failed before: two lookups of one key overlapping, the second answered `undefined` (the key
  // destroyed in between), replaced the first's sealer with "no key" — streams the memo knew went
  // on opening while the key's own lookup said unreadable: two answers for one key.
  it('two overlapping lookups of one key give one answer, whatever the key store says second', async () => {
    const material = new Uint8Array(32).fill(9);
    const answers: ((value: Uint8Array | undefined) => void)[] = [];
    const keys: KeyStore = {
      create: async () => material,
      get: () => new Promise((resolve) => answers.push(resolve)),
      destroy: async () => ({ outcome: 'verified' }) as Awaited<ReturnType<KeyStore['destroy']>>,
    };
    const opener = createKeyedOpener(keys, [createAesGcmCipher()]);
    const first = opener.sealer(MARCH, 'aes-256-gcm');
    const second = opener.sealer(MARCH, 'aes-256-gcm');
    expect(answers).toHaveLength(2);
    answers[0]?.(material);
    const found = await first;
    answers[1]?.(undefined);
    expect(found).toBeDefined();
    expect(await second).toBe(found);
    expect(await opener.sealer(MARCH, 'aes-256-gcm')).toBe(found);
  });
});
