import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresCheckpointStore } from './postgres-checkpoint-store.js';

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

describe('postgres checkpoint store', () => {
  it('loads nothing for a projection that never ran, then the latest save, until reset', async () => {
    const checkpoints = await createPostgresCheckpointStore({ connection: database.url });
    try {
      expect(await checkpoints.load('statistics')).toBeUndefined();
      await checkpoints.save('statistics', '741:12');
      await checkpoints.save('statistics', '745:30');
      await checkpoints.save('audit', '741:3');
      expect(await checkpoints.load('statistics')).toBe('745:30');
      expect(await checkpoints.load('audit')).toBe('741:3');
      await checkpoints.reset('statistics');
      expect(await checkpoints.load('statistics')).toBeUndefined();
      expect(await checkpoints.load('audit')).toBe('741:3');
      await checkpoints.reset('statistics');
    } finally {
      await checkpoints.close();
    }
  });

  it('keeps checkpoints across a restart, per schema', async () => {
    const first = await createPostgresCheckpointStore({ connection: database.url, schema: 'tenant_a' });
    await first.save('statistics', '900:1');
    await first.close();
    const reopened = await createPostgresCheckpointStore({ connection: database.url, schema: 'tenant_a' });
    const other = await createPostgresCheckpointStore({ connection: database.url, schema: 'tenant_b' });
    try {
      expect(await reopened.load('statistics')).toBe('900:1');
      expect(await other.load('statistics')).toBeUndefined();
    } finally {
      await reopened.close();
      await other.close();
    }
  });
});
