import type { Cipher } from '../crypto/cipher.js';
import { deriveSubkeys } from '../crypto/key-derivation.js';
import { createPayloadSealer } from '../crypto/payload-sealer.js';
import type { SealerFor } from '../envelope/open-event.js';
import { paddedSizeFor } from '../envelope/padding-policy.js';
import type { PayloadSealer, StreamPrivacy } from '../envelope/seal-event.js';
import type { KeyDestruction, KeyStore } from '../ports/key-store.js';
import type { PrivateStreamKind } from '../streams.js';
import { privateStreamOf } from '../streams.js';

/** An open key: how to seal events under it, name streams and events with it. */
export interface OpenKey {
  readonly keyId: string;
  readonly sealer: PayloadSealer;
  /** Keys stream names and event ids: they stop resolving when the key is destroyed. */
  readonly naming: Uint8Array;
  /** Keys proofs that a public record was written by the key's holder (a period's seal). */
  readonly proof: Uint8Array;
  /** How events of a private stream kind are stored under this key. */
  privacy(kind: PrivateStreamKind): StreamPrivacy;
  /** True once the ring has forgotten the key (its subkeys zeroed): nothing is sealed or named with it. */
  readonly forgotten: boolean;
}

/** Opens keys from the key store (cached per id), creates them on demand and destroys them. */
export interface KeyRing {
  existing(keyId: string): Promise<OpenKey | undefined>;
  create(keyId: string): Promise<OpenKey>;
  /** Destroys the key in the store, and zeroes and forgets every copy this process holds. */
  destroy(keyId: string): Promise<KeyDestruction>;
  /** Finds the sealer of a private event from its stream's name (the key id is never stored per event). */
  sealerFor: SealerFor;
  /**
   * Calls `forgotten` with a key's id whenever this ring forgets it (destroyed here, or found
   * destroyed elsewhere by the recheck), so what was read with the key can be forgotten too.
   */
  onForget(forgotten: (keyId: string) => void): void;
  /**
   * Whether a key (this very key, or any key of this id) is open here: not forgotten since it
   * was handed out, so its subkeys are not zeroed.
   */
  isOpen(key: OpenKey | string): boolean;
}

/**
 * A dropped ring's subkeys, zeroed when it is collected (nothing else will). Not the key
 * material: a key store may hand out the very bytes it keeps, which other rings still use.
 */
const zeroWhenCollected = new FinalizationRegistry<ReadonlySet<Uint8Array>>((subkeys) => {
  for (const subkey of subkeys) subkey.fill(0);
});

/**
 * Rechecks from a timer that holds the ring only weakly: a service its embedder dropped is
 * collected with its keys and caches, not kept alive (decrypted caches and all) by its own timer.
 */
const KEEPS_RING = Symbol('keeps its key ring');

function startRecheck(ring: WeakRef<{ recheck(): boolean }>, recheckMs: number): void {
  const timer = setInterval(() => {
    const alive = ring.deref();
    if (alive === undefined || !alive.recheck()) clearInterval(timer);
  }, recheckMs);
  // Never keeps a process alive on its own.
  (timer as { unref?: () => void }).unref?.();
}

/**
 * A key ring over a key store and a cipher. Keys another process destroys are found out within
 * `recheckMs`: every cached key is looked up again on that interval, and one that is gone is
 * zeroed and forgotten here too — so no process keeps a sealed period's subkeys for long.
 */
export function createKeyRing(keys: KeyStore, cipher: Cipher, recheckMs = 60_000): KeyRing {
  const open = new Map<
    string,
    { key: OpenKey; material: Uint8Array; subkeys: readonly Uint8Array[]; markForgotten: () => void }
  >();
  const listeners: ((keyId: string) => void)[] = [];
  // The subkeys of the open keys, apart: what the registry holds must not hold the ring.
  const openSubkeys = new Set<Uint8Array>();
  const forget = (keyId: string): void => {
    const cached = open.get(keyId);
    open.delete(keyId);
    cached?.markForgotten();
    // Zero this process's copies: a destroyed key must not outlive its destruction in memory either.
    cached?.material.fill(0);
    for (const subkey of cached?.subkeys ?? []) {
      subkey.fill(0);
      openSubkeys.delete(subkey);
    }
    for (const listener of listeners) listener(keyId);
  };
  let watching = false;
  const rechecker = {
    /** Looks every open key up again; false when none is open (the timer stops). */
    recheck(): boolean {
      if (open.size === 0) {
        watching = false;
        return false;
      }
      for (const keyId of [...open.keys()])
        void keys.get(keyId).then(
          (material) => {
            if (material === undefined) forget(keyId);
          },
          () => undefined, // the store is unreachable: look again next time
        );
      return true;
    },
  };
  const watch = (): void => {
    if (watching) return;
    watching = true;
    startRecheck(new WeakRef(rechecker), recheckMs);
  };
  zeroWhenCollected.register(rechecker, openSubkeys);
  const openKey = (keyId: string, material: Uint8Array): OpenKey => {
    // Another command opened the same key while this one awaited the store: one derivation per
    // key, so `forget` reaches every copy of its subkeys.
    const already = open.get(keyId);
    if (already !== undefined) return already.key;
    const subkeys = deriveSubkeys(material);
    const sealer = createPayloadSealer(cipher, subkeys.encryption);
    // What the ring hands out keeps the ring's rechecker alive, so a collected ring's subkeys
    // are zeroed only once nothing can use them (not left to how closures keep their scopes).
    // Not the naming subkey itself: the registry holds it, and would then hold the ring.
    Object.defineProperty(sealer, KEEPS_RING, { value: rechecker });
    const privacies = new Map<PrivateStreamKind, StreamPrivacy>();
    let forgotten = false;
    const key: OpenKey = {
      keyId,
      get forgotten() {
        return forgotten;
      },
      sealer,
      naming: subkeys.naming,
      proof: subkeys.proof,
      privacy(kind) {
        let privacy = privacies.get(kind);
        if (privacy === undefined) {
          privacy = { sealer, paddedSize: (length, type) => paddedSizeFor(kind, length, type) };
          privacies.set(kind, privacy);
        }
        return privacy;
      },
    };
    openSubkeys.add(subkeys.encryption);
    openSubkeys.add(subkeys.naming);
    openSubkeys.add(subkeys.proof);
    open.set(keyId, {
      key,
      material,
      subkeys: [subkeys.encryption, subkeys.naming, subkeys.proof],
      markForgotten: () => {
        forgotten = true;
      },
    });
    watch();
    return key;
  };
  const cachedSealer = (keyId: string): PayloadSealer | undefined => open.get(keyId)?.key.sealer;
  // Keys being destroyed, and the lookups in flight meanwhile: material read while its key was
  // being destroyed is never opened (a lookup answered after `destroy` began opened the key
  // again — from the zeroed buffer a memory key store hands out, subkeys anyone can derive:
  // attack 22). Both hold only what is in flight.
  const destroying = new Map<string, number>();
  const lookups = new Map<string, Set<{ spoiled: boolean }>>();
  return {
    async existing(keyId) {
      const cached = open.get(keyId);
      if (cached !== undefined) return cached.key;
      if (destroying.has(keyId)) return undefined;
      const lookup = { spoiled: false };
      const inFlight = lookups.get(keyId) ?? new Set();
      lookups.set(keyId, inFlight.add(lookup));
      let material: Uint8Array | undefined;
      try {
        material = await keys.get(keyId);
      } finally {
        inFlight.delete(lookup);
        if (inFlight.size === 0) lookups.delete(keyId);
      }
      if (lookup.spoiled || destroying.has(keyId)) return undefined;
      return material === undefined ? undefined : openKey(keyId, material);
    },
    async create(keyId) {
      return open.get(keyId)?.key ?? openKey(keyId, await keys.create(keyId));
    },
    async destroy(keyId) {
      destroying.set(keyId, (destroying.get(keyId) ?? 0) + 1);
      for (const lookup of lookups.get(keyId) ?? []) lookup.spoiled = true;
      forget(keyId);
      try {
        return await keys.destroy(keyId);
      } finally {
        const left = (destroying.get(keyId) ?? 1) - 1;
        if (left === 0) destroying.delete(keyId);
        else destroying.set(keyId, left);
      }
    },
    isOpen: (key) => (typeof key === 'string' ? open.has(key) : open.get(key.keyId)?.key === key),
    onForget(forgotten) {
      listeners.push(forgotten);
    },
    sealerFor(recorded, codec) {
      const owner = privateStreamOf(recorded.stream);
      if (owner === undefined) return undefined;
      const sealer = cachedSealer(owner.keyId);
      return sealer !== undefined && sealer.algorithm === codec ? sealer : undefined;
    },
  };
}
