import { deepStrictEqual, notDeepStrictEqual, ok, strictEqual } from 'node:assert';
import type { KeyStore } from '../ports/key-store.js';

/** Makes a fresh key store for one contract case, and reopens it (a new instance over the same storage) when asked. */
export type KeyStoreFactory = () => Promise<{
  keys: KeyStore;
  /** A second instance over the same storage, as after a restart; absent for stores that do not outlive the process. */
  reopen?: () => Promise<KeyStore>;
  dispose?: () => Promise<void>;
}>;

/** One case of the key-store contract. */
export interface KeyStoreContractCase {
  readonly name: string;
  run(factory: KeyStoreFactory): Promise<void>;
}

async function within(
  factory: KeyStoreFactory,
  body: (made: Awaited<ReturnType<KeyStoreFactory>>) => Promise<void>,
) {
  const made = await factory();
  try {
    await body(made);
  } finally {
    await made.dispose?.();
  }
}

/** The contract every `KeyStore` passes (in memory, file system, PostgreSQL …), runner-agnostic. */
export function keyStoreContract(): readonly KeyStoreContractCase[] {
  return [
    {
      name: 'creates a 32-byte key, and creating it again returns the same key',
      run: (factory) =>
        within(factory, async ({ keys }) => {
          const key = await keys.create('period-2025-01');
          strictEqual(key.length, 32);
          deepStrictEqual(await keys.create('period-2025-01'), key);
          deepStrictEqual(await keys.get('period-2025-01'), key);
        }),
    },
    {
      name: 'different ids get different keys',
      run: (factory) =>
        within(factory, async ({ keys }) => {
          notDeepStrictEqual(await keys.create('a'), await keys.create('b'));
        }),
    },
    {
      name: 'an unknown key reads as undefined',
      run: (factory) =>
        within(factory, async ({ keys }) => {
          strictEqual(await keys.get('never-created'), undefined);
        }),
    },
    {
      name: 'a destroyed key is gone for good, and destroying it again is not an error',
      run: (factory) =>
        within(factory, async ({ keys, reopen }) => {
          await keys.create('doomed');
          await keys.create('kept');
          const destruction = await keys.destroy('doomed');
          ok(
            ['verified', 'unverifiable', 'residue'].includes(destruction.outcome),
            `destroy says what it achieved: ${JSON.stringify(destruction)}`,
          );
          if (destruction.outcome !== 'verified')
            ok(
              typeof destruction.detail === 'string' && destruction.detail.length > 0,
              'and why, when not verified',
            );
          strictEqual(await keys.get('doomed'), undefined);
          strictEqual(
            (await keys.destroy('doomed')).outcome === 'residue',
            false,
            'an absent key leaves no residue',
          );
          ok(await keys.get('kept'), 'other keys stay');
          if (reopen !== undefined) strictEqual(await (await reopen()).get('doomed'), undefined);
        }),
    },
    {
      name: 'keys outlive a restart where the store is durable',
      run: (factory) =>
        within(factory, async ({ keys, reopen }) => {
          const key = await keys.create('durable');
          if (reopen === undefined) return; // an in-memory store makes no such promise
          deepStrictEqual(await (await reopen()).get('durable'), key);
        }),
    },
    {
      name: 'concurrent creates of one id agree on a single key',
      run: (factory) =>
        within(factory, async ({ keys }) => {
          const created = await Promise.all(Array.from({ length: 8 }, () => keys.create('raced')));
          for (const key of created) deepStrictEqual(key, created[0]);
          deepStrictEqual(await keys.get('raced'), created[0]);
        }),
    },
    {
      // Two processes on one storage (two writers' first tally of a month): each must seal with
      // the key that is kept, or its detail can never be opened again.
      name: 'concurrent creates of one id by several instances over one storage agree on the key kept',
      run: (factory) =>
        within(factory, async ({ keys, reopen }) => {
          if (reopen === undefined) return;
          const instances = [keys, ...(await Promise.all(Array.from({ length: 7 }, () => reopen())))];
          for (let round = 0; round < 8; round += 1) {
            const id = `raced-${round}`;
            const created = await Promise.all(instances.map((instance) => instance.create(id)));
            const kept = await (await reopen()).get(id);
            for (const key of created) deepStrictEqual(key, kept);
          }
        }),
    },
  ];
}
