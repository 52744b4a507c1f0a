import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyStoreContract } from '@pinnstatistik/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileKeyStore } from './file-key-store.js';

const root = mkdtempSync(join(tmpdir(), 'pinnstatistik-keys-'));
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
