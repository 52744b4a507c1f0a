import pg from 'pg';
import { applyMigrations } from '../src/migrate.js';
import { MIGRATIONS } from '../src/migrations.js';
import { createPostgresEventStore } from '../src/postgres-event-store.js';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';
import { installSlowCommits } from './slow-commit.js';

/** The schema every store of these tests opens by default. */
export const CURRENT_SCHEMA = 'pinnstatistik';

/**
 * A fresh database with two schemas side by side, for an attack that must bite the weak version:
 * the current one, and `weakSchema` migrated only up to `lastVersion` (open it with
 * `migrate: false`). Both hold their commits open when an event asks (`sleepMetadata`).
 */
export async function databaseWithWeakSchema(
  weakSchema: string,
  lastVersion: number,
): Promise<FreshDatabase> {
  const database = await freshDatabase();
  const pool = new pg.Pool({ connectionString: database.url });
  try {
    const store = await createPostgresEventStore({ connection: pool });
    await store.close();
    await applyMigrations(
      database.url,
      weakSchema,
      MIGRATIONS.filter((migration) => migration.version <= lastVersion),
    );
    await installSlowCommits(pool, CURRENT_SCHEMA);
    await installSlowCommits(pool, weakSchema);
  } finally {
    await pool.end();
  }
  return database;
}
