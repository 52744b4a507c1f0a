/*
 * ATTACK 24 — the file key store (`createFileKeyStore`), where the keys whose destruction makes
 * detail unreadable live on disk.
 *
 * (1) A backup made with hard links. rsnapshot, `cp -al` and many snapshot scripts keep a copy of
 *     a file as a second name of the same inode. Claim: docs/privacy-at-rest.md:362–363 ("the file
 *     key store …, which overwrites a key file before unlinking it") and docs/storage.md:237–238
 *     ("overwritten and unlinked on destroy"). A destroy that only unlinked would leave the key whole
 *     under the backup's name. HOLDS: the backup's name reads 32 zero bytes after `destroy`.
 *     Weakening: packages/store-memory/src/file-key-store.ts, `destroy` without its in-place
 *     overwrite (the `handle.write(Buffer.alloc(KEY_BYTES)…)` line removed). The test failed: the
 *     hard-linked copy still held the key ("expected … to deeply equal Uint8Array [ 0, 0, … ]").
 *
 * (2) Two processes creating the same key at once — the first tally of a month in two writer
 *     processes (docs/storage.md:211–213 runs several writer processes on one month), both on one
 *     key directory. Claims: the key-store contract "concurrent creates of one id agree on a single
 *     key" (packages/core/src/testing/key-store-contract.ts, run on the file store with ONE
 *     instance only, whose in-memory map de-duplicates), the store's own "Another process may have
 *     created the key meanwhile: the first one on disk wins", and "overwritten … on destroy" for
 *     every key that stops being a key. BROKE (fixed; the test held the break as `it.fails` first):
 *       `createOnce` checks for an existing file, then `rename(temporary, target)`. rename replaces
 *       whatever is there, so between process B's check and its rename, process A can rename its own
 *       key into place, read it back and return it; B's rename then replaces it. The last one on disk
 *       wins, not the first: A goes on sealing the month's detail with a key that no longer exists
 *       anywhere (those tallies can never be opened again — not by the seal, the audit or a report;
 *       the month's figures silently lose them), and A's key file was unlinked by the rename without
 *       the overwrite `destroy` promises (its blocks go back to the free list with the key in them).
 *       The schedule is forced here by holding the first rename until the second process has made
 *       its check (a process descheduled or paused for GC between two system calls); nothing else is
 *       simulated — both stores are real instances on one real directory.
 *     Fixed (packages/store-memory/src/file-key-store.ts, `createOnce`): the temporary file is
 *     published with `link(temporary, target)`, which fails with EEXIST when a key is there; the
 *     loser overwrites its temporary file, unlinks it and returns the key on disk. The schedule
 *     holds whichever call publishes (rename before, link now). Against the rename version this
 *     test fails: "the first process seals with a key that is gone from the directory".
 */
import { linkSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * While `hold` is set, the first rename waits until a second one arrives, and the second waits
 * until the test lets it go: the schedule of attack (2).
 */
const gate = vi.hoisted(() => ({
  hold: false,
  calls: 0,
  releaseFirst: undefined as (() => void) | undefined,
  releaseSecond: undefined as (() => void) | undefined,
}));

/** The held schedule of attack (2), for whichever call puts a new key file in place. */
async function heldPublish(): Promise<void> {
  if (!gate.hold) return;
  gate.calls += 1;
  if (gate.calls === 1)
    await new Promise<void>((resume) => {
      gate.releaseFirst = resume;
    });
  else if (gate.calls === 2) {
    gate.releaseFirst?.();
    await new Promise<void>((resume) => {
      gate.releaseSecond = resume;
    });
  }
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    async rename(from: Parameters<typeof actual.rename>[0], to: Parameters<typeof actual.rename>[1]) {
      await heldPublish();
      return actual.rename(from, to);
    },
    async link(from: Parameters<typeof actual.link>[0], to: Parameters<typeof actual.link>[1]) {
      await heldPublish();
      return actual.link(from, to);
    },
  };
});

const { createFileKeyStore } = await import('../src/file-key-store.js');

const root = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack24-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('attack 24: the key files on disk', () => {
  it('(1) a hard-linked backup of a key file holds no key once the key is destroyed', async () => {
    const directory = join(root, 'linked');
    const backup = join(root, 'linked-backup');
    const keys = createFileKeyStore(directory);
    const key = await keys.create('period-2025-03');
    linkSync(join(directory, 'period-2025-03.key'), backup);
    expect(new Uint8Array(readFileSync(backup))).toEqual(key);
    await keys.destroy('period-2025-03');
    expect(await keys.get('period-2025-03')).toBeUndefined();
    expect(new Uint8Array(readFileSync(backup))).toEqual(new Uint8Array(32));
  });

  it('(2) two processes creating one key at once both get the key the directory keeps', async () => {
    const directory = join(root, 'raced');
    const processes = [createFileKeyStore(directory), createFileKeyStore(directory)];
    gate.hold = true;
    try {
      // Both look in the directory and find no key; the first at its rename goes on, writes its key
      // into place, reads it back and returns it; only then does the other's rename run.
      const creating = processes.map((keys) => keys.create('period-2025-04'));
      const earlier = await Promise.race(creating);
      gate.releaseSecond?.();
      const [a, b] = await Promise.all(creating);
      const kept = await createFileKeyStore(directory).get('period-2025-04');
      expect(kept).toBeDefined();
      // Each process goes on with the key it was handed: both must be the one the directory keeps.
      expect(earlier, 'the first process seals with a key that is gone from the directory').toEqual(kept);
      expect(a).toEqual(b);
    } finally {
      gate.hold = false;
      gate.releaseFirst?.();
      gate.releaseSecond?.();
    }
  });
});
