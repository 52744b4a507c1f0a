import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
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

/**
 * Keys on the file system: one file per key (mode 0600) in a directory of its own (0700),
 * written atomically (temporary file, fsync, rename, fsync of the directory) so a key
 * survives a crash, and unlinked on destroy so it does not. Keys outlive restarts but not
 * `destroy` — which is why they cannot live in the append-only log.
 */
export function createFileKeyStore(directory: string): KeyStore {
  let ready: Promise<void> | undefined;
  const prepare = (): Promise<void> => {
    ready ??= (async () => {
      await mkdir(directory, { recursive: true, mode: 0o700 });
      await chmod(directory, 0o700);
    })();
    return ready;
  };
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

  const createOnce = async (keyId: string): Promise<Uint8Array> => {
    await prepare();
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
      await handle.close();
    }
    // Another process may have created the key meanwhile: the first one on disk wins.
    const raced = await read(keyId);
    if (raced !== undefined) {
      await unlink(temporary);
      return raced;
    }
    await rename(temporary, target);
    await syncDirectory(directory);
    return (await read(keyId)) ?? new Uint8Array(key);
  };

  return {
    create(keyId) {
      const pending = creating.get(keyId) ?? createOnce(keyId).finally(() => creating.delete(keyId));
      creating.set(keyId, pending);
      return pending;
    },
    async get(keyId) {
      await prepare();
      return read(keyId);
    },
    async destroy(keyId) {
      await prepare();
      try {
        await unlink(join(directory, fileName(keyId)));
        await syncDirectory(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
