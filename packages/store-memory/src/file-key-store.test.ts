import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyStoreContract } from '@pinnstatistik/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileKeyStore } from './file-key-store.js';

const root = mkdtempSync(join(tmpdir(), 'pinnstatistik-keys-'));
// Traversable by all, like /var/lib: only the directories below decide who may write.
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDirectory = (): string => {
  counter += 1;
  return join(root, `store-${counter}`);
};

describe('file key store: the key-store contract', () => {
  for (const contractCase of keyStoreContract()) {
    it(contractCase.name, () =>
      contractCase.run(async () => {
        const directory = freshDirectory();
        return { keys: createFileKeyStore(directory), reopen: async () => createFileKeyStore(directory) };
      }),
    );
  }
});

describe('file key store', () => {
  it('keeps keys in a 0700 directory, one 0600 file each, and unlinks the file on destroy', async () => {
    const directory = freshDirectory();
    const keys = createFileKeyStore(directory);
    await keys.create('period-2025-03');
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(statSync(join(directory, 'period-2025-03.key')).mode & 0o777).toBe(0o600);
    await keys.destroy('period-2025-03');
    expect(readdirSync(directory)).toEqual([]);
  });

  it('refuses key ids that could escape its directory', async () => {
    const keys = createFileKeyStore(freshDirectory());
    await expect(keys.create('../etc/passwd')).rejects.toThrow(TypeError);
  });
});

/** What constructing a file key store in `directory` did, as an unprivileged user would see it. */
function constructAsUnprivilegedUser(directory: string): { code?: string; message?: string } {
  const attempt = (): { code?: string; message?: string } => {
    try {
      createFileKeyStore(directory);
      return {};
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
  };
  if (process.getuid?.() !== 0) return attempt();
  // Root may write anywhere: the user the README's reader is (not root) is played by `nobody`.
  const source = fileURLToPath(new URL('./file-key-store.ts', import.meta.url));
  const script = `import(${JSON.stringify(source)}).then(({ createFileKeyStore }) => {
    try { createFileKeyStore(${JSON.stringify(directory)}); console.log('{}'); }
    catch (error) { console.log(JSON.stringify({ code: error.code, message: error.message })); }
  });`;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
  });
  return JSON.parse(output) as { code?: string; message?: string };
}

describe('file key store: a directory it cannot use fails at construction, in plain words', () => {
  it('creates a missing directory (and its parents) at once', () => {
    const directory = join(freshDirectory(), 'nested', 'keys');
    createFileKeyStore(directory);
    expect(statSync(directory).isDirectory()).toBe(true);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
  });

  it('a directory under one this user may not write (like /var/lib for a non-root user)', () => {
    const parent = freshDirectory();
    mkdirSync(parent, { mode: 0o755 }); // writable by its owner only, like /var/lib
    const directory = join(parent, 'keys');
    const outcome = constructAsUnprivilegedUser(directory);
    expect(outcome.code).toBe('KEY_DIRECTORY_UNUSABLE');
    expect(outcome.message).toContain(`cannot keep keys in ${directory}: permission denied (EACCES)`);
    expect(outcome.message).toContain('install -d -m 700');
    expect(existsSync(directory)).toBe(false);
  });

  it('a path where a file is in the way', () => {
    const parent = freshDirectory();
    mkdirSync(parent);
    const file = join(parent, 'not-a-directory');
    writeFileSync(file, '');
    expect(() => createFileKeyStore(file)).toThrow(
      expect.objectContaining({
        code: 'KEY_DIRECTORY_UNUSABLE',
        message: expect.stringContaining(`cannot keep keys in ${file}: a file of that name is in the way`),
      }),
    );
  });
});
