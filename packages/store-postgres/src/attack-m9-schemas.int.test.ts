import type { EventToAppend } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { installSlowCommits, sleepMetadata } from '../test/slow-commit.js';
import { createPostgresEventStore } from './postgres-event-store.js';

/**
 * The attack: two stores share a database in schemas of their own (the README: "several can
 * share a database") — two tenants, or a test and a production schema. Advisory locks belong to
 * the database, not the schema, and from migration 9 a call of more than 32 streams takes its
 * stripes exclusively: one tenant's import (1,000 streams: all 64 stripes) held every append of
 * the other tenant, to streams the import never names, until it committed — 2.6 s against 12 ms
 * under version 8, which locked such an import stream by stream — in migration 9's first form
 * (3ec56fa, never released), where the stripes were the database's. They are each schema's now.
 */
let database: FreshDatabase;
const encoder = new TextEncoder();

beforeAll(async () => {
  database = await freshDatabase();
  const pool = new pg.Pool({ connectionString: database.url });
  try {
    for (const schema of ['tenant_a', 'tenant_b']) {
      const store = await createPostgresEventStore({ connection: pool, schema });
      await store.close();
      await installSlowCommits(pool, schema);
    }
  } finally {
    await pool.end();
  }
});
afterAll(() => database?.drop());

const event = (id: string, slowMs = 0): EventToAppend => ({
  id,
  type: 'T',
  data: encoder.encode('{}'),
  metadata: slowMs > 0 ? sleepMetadata(slowMs) : encoder.encode('{}'),
});

/** How long a one-event append in `other` waited while a 1,000-stream import in `importing` held its commit. */
async function waitedBeside(importing: string, other: string): Promise<number> {
  const a = await createPostgresEventStore({
    connection: database.url,
    schema: importing,
    migrate: false,
    listen: false,
  });
  const b = await createPostgresEventStore({
    connection: database.url,
    schema: other,
    migrate: false,
    listen: false,
  });
  try {
    const imported = a.appendBatch(
      Array.from({ length: 1_000 }, (_, i) => ({
        stream: `import-${i}`,
        expected: 'any' as const,
        events: [event(`import-${i}`, i === 999 ? 3_000 : 0)],
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const t = performance.now();
    const appended = await b.append('tenant-b-sheet', [event('b-1')], { expected: 'any' });
    const waited = performance.now() - t;
    const result = await imported;
    expect(E.isRight(appended) && E.isRight(result)).toBe(true);
    return waited;
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe('attack m9: stores in two schemas of one database', () => {
  it("one schema's import does not hold the other schema's appends until it commits", async () => {
    expect(await waitedBeside('tenant_a', 'tenant_b')).toBeLessThan(1_000);
  }, 60_000);
});
