import { stat } from 'node:fs/promises';
import type { KeyStore } from '@pinnstatistik/core';
import { createFileKeyStore } from '@pinnstatistik/store-memory';
import { CliError } from '../cli/cli-error.js';
import { sourceKindOf } from './source-kind.js';

/** A key store the CLI opened, and how to let it go. */
export interface OpenedKeyStore {
  readonly keys: KeyStore;
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Opens keys from `--keys`: `postgres://…` for the PostgreSQL key store, else a directory of
 * the file key store. To read (an audit, a report) the directory must exist; to write
 * (sealing, expiry) it is created when missing.
 */
export async function openKeyStore(spec: string, purpose: 'read' | 'write'): Promise<OpenedKeyStore> {
  const kind = sourceKindOf(spec);
  if (kind === 'postgres') {
    const { createPostgresKeyStore } = await import('@pinnstatistik/store-postgres');
    const keys = await createPostgresKeyStore({ connection: spec, migrate: purpose === 'write' });
    return { keys, description: 'keys in PostgreSQL', close: () => keys.close() };
  }
  if (kind !== 'file')
    throw new CliError('--keys must be a directory or postgres://…', {
      sv: { message: '--keys ska vara en katalog eller postgres://…' },
    });
  if (purpose === 'read') {
    const found = await stat(spec).catch(() => undefined);
    if (found === undefined)
      throw new CliError(`${spec}: no such key directory`, {
        sv: { message: '--keys: nyckelkatalogen finns inte' },
      });
    if (!found.isDirectory())
      throw new CliError(`${spec}: not a directory (--keys takes a key directory)`, {
        sv: { message: '--keys: det angivna är ingen katalog (--keys tar en nyckelkatalog)' },
      });
  }
  return { keys: createFileKeyStore(spec), description: `keys in ${spec}`, close: async () => undefined };
}
