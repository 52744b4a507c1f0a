import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdirSync } from 'node:fs';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyStore } from '@pinnstatistik/core';

const KEY_BYTES = 32;

function fileName(keyId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(keyId))
    throw new TypeError(`not a key id: ${JSON.stringify(keyId)}`);
  return `${keyId}.key`;
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const PLAIN_CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a file of that name is in the way',
};

/**
 * Creates the directory if missing (0700) and checks that this process can write to it, so a
 * key store that could never keep a key fails where it is configured, not inside the first tally.
 */
function prepareDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    chmodSync(directory, 0o700);
    accessSync(directory, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    const why = PLAIN_CAUSES[code] ?? (error as Error).message;
    throw Object.assign(
      new Error(
        `createFileKeyStore: cannot keep keys in ${directory}: ${why} (${code}). ` +
          'Give it a directory this process can create or write to, owned by the user it runs as ' +
          `(e.g. sudo install -d -m 700 -o "$(id -un)" ${directory}).`,
        { cause: error },
      ),
      { code: 'KEY_DIRECTORY_UNUSABLE' as const },
    );
  }
}

/**
 * Keys on the file system: one file per key (mode 0600) in a directory of its own (0700),
 * written atomically (temporary file, fsync, link, fsync of the directory) so a key
 * survives a crash, and unlinked on destroy so it does not. Keys outlive restarts but not
 * `destroy` — which is why they cannot live in the append-only log.
 *
 * The directory is created (0700) or checked at once: one this process cannot write throws
 * here, with the path, the cause and how to fix it (error `code` `KEY_DIRECTORY_UNUSABLE`).
 */
export function createFileKeyStore(directory: string): KeyStore {
  prepareDirectory(directory);
  const read = async (keyId: string): Promise<Uint8Array | undefined> => {
    try {
      const bytes = await readFile(join(directory, fileName(keyId)));
      return bytes.length === KEY_BYTES ? new Uint8Array(bytes) : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  const creating = new Map<string, Promise<Uint8Array>>();

  // Zeros a key file's bytes on disk before its name goes, so its blocks are not freed with a key in them.
  const overwriteAndUnlink = async (path: string): Promise<void> => {
    const handle = await open(path, 'r+');
    try {
      await handle.write(Buffer.alloc(KEY_BYTES), 0, KEY_BYTES, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await unlink(path);
  };

  const createOnce = async (keyId: string): Promise<Uint8Array> => {
    const existing = await read(keyId);
    if (existing !== undefined) return existing;
    const key = randomBytes(KEY_BYTES);
    const target = join(directory, fileName(keyId));
    const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(key);
      await handle.sync();
    } finally {
      key.fill(0);
      await handle.close();
    }
    // Published with link, not rename: link fails when a key is already there, where rename
    // would replace it — the last process on disk would win while an earlier one went on
    // sealing with a key that exists nowhere (attack 24). The first one on disk wins.
    try {
      await link(temporary, target);
    } catch (error) {
      await overwriteAndUnlink(temporary);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const raced = await read(keyId);
      if (raced === undefined) throw new Error(`createFileKeyStore: the key file of ${keyId} is unreadable`);
      return raced;
    }
    // The key's file now has two names: drop the temporary one (not overwritten: it is the key).
    await unlink(temporary);
    await syncDirectory(directory);
    const stored = await read(keyId);
    if (stored === undefined) throw new Error(`createFileKeyStore: the key file of ${keyId} is unreadable`);
    return stored;
  };

  return {
    create(keyId) {
      const pending = creating.get(keyId) ?? createOnce(keyId).finally(() => creating.delete(keyId));
      creating.set(keyId, pending);
      return pending;
    },
    get(keyId) {
      return read(keyId);
    },
    async destroy(keyId) {
      const path = join(directory, fileName(keyId));
      try {
        // Overwrite in place and flush before unlinking, so the key's blocks do not simply
        // go back to the free list with the key still in them.
        await overwriteAndUnlink(path);
        await syncDirectory(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return { outcome: 'verified' };
      }
      return {
        outcome: 'unverifiable',
        detail:
          'the key file was overwritten with zeros, flushed and removed; copies a file system journal, a copy-on-write snapshot, an SSD or a backup may keep cannot be checked from here',
      };
    },
  };
}
