import { keyStoreContract } from '@pinnstatistik/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresKeyStore, type PostgresKeyStore } from './postgres-key-store.js';

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

describe('postgres key store: the key-store contract', () => {
  let schemas = 0;
  for (const contractCase of keyStoreContract()) {
    it(contractCase.name, () =>
      contractCase.run(async () => {
        schemas += 1;
        const schema = `keys_${schemas}`;
        const opened: PostgresKeyStore[] = [
          await createPostgresKeyStore({ connection: database.url, schema }),
        ];
        return {
          keys: opened[0] as PostgresKeyStore,
          reopen: async () => {
            const again = await createPostgresKeyStore({ connection: database.url, schema });
            opened.push(again);
            return again;
          },
          dispose: async () => {
            await Promise.all(opened.map((keys) => keys.close()));
          },
        };
      }),
    );
  }
});

describe('postgres key store', () => {
  it('deletes the row on destroy: the key bytes are no longer in the live table', async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      const keys = await createPostgresKeyStore({ connection: pool, schema: 'shredding' });
      const key = await keys.create('period-2025-03');
      const hex = Buffer.from(key).toString('hex');
      const stored = async () =>
        (
          await pool.query(`select count(*)::int as n from shredding.keys where encode(key, 'hex') = $1`, [
            hex,
          ])
        ).rows[0]?.n;
      expect(await stored()).toBe(1);
      await keys.destroy('period-2025-03');
      expect(await stored()).toBe(0);
      expect(await keys.get('period-2025-03')).toBeUndefined();
      await keys.close(); // a caller's pool stays open
      expect((await pool.query('select 1 as one')).rows[0]?.one).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('returns plain Uint8Array keys of 32 bytes', async () => {
    const keys = await createPostgresKeyStore({ connection: database.url, schema: 'shape' });
    try {
      const key = await keys.create('k');
      expect(Object.getPrototypeOf(key)).toBe(Uint8Array.prototype);
      expect(key).toHaveLength(32);
    } finally {
      await keys.close();
    }
  });
});
