import type pg from 'pg';
import { type PostgresConnection, resolvePool } from './connection.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

/** Options for {@link migrate}. */
export interface MigrateOptions {
  /** The schema to create and migrate (default `pinnstatistik`). */
  readonly schema?: string;
}

/** What a migration run did. */
export interface MigrationReport {
  readonly schema: string;
  /** The versions this run applied, in order; empty when the schema was already current. */
  readonly applied: readonly number[];
  /** The schema's version after the run. */
  readonly version: number;
}

/** Advisory-lock class for migrations ("pinn"); the schema's hash is the second key. */
const LOCK_CLASS = 0x70696e6e;
/** `pg_current_xact_id()`, `xid8` and `pg_snapshot_xmin()` arrived in PostgreSQL 13. */
const MIN_SERVER_VERSION = 130_000;

/**
 * The log is ordered by transaction id, so the server's next id must lie beyond every id in
 * it. A log restored with pg_dump into a younger cluster breaks that (new events would sort
 * before old ones and subscriptions would never see them): refuse to start on it.
 */
async function assertTransactionIdsAhead(client: pg.ClientBase, schema: string): Promise<void> {
  const { rows } = await client.query<{ newest: string | null; next: string }>(
    `select (select transaction_id from ${schema}.events order by transaction_id desc limit 1)::text as newest,
            pg_snapshot_xmax(pg_current_snapshot())::text as next`,
  );
  const row = rows[0];
  if (row?.newest != null && BigInt(row.newest) >= BigInt(row.next)) {
    throw new Error(
      `the event log in schema ${schema} holds transaction id ${row.newest}, but this server's next is ${row.next}: ` +
        'it was restored into a cluster whose transaction ids are behind it (see the README: "Restoring")',
    );
  }
}

async function migrateWith(
  client: pg.ClientBase,
  schema: string,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  const quoted = quoteSchema(schema);
  const { rows: versionRows } = await client.query<{ v: string }>(
    `select current_setting('server_version_num') as v`,
  );
  const serverVersion = Number(versionRows[0]?.v);
  if (serverVersion < MIN_SERVER_VERSION) {
    throw new Error(
      `@pinnstatistik/store-postgres needs PostgreSQL 13 or later (server_version_num ${serverVersion})`,
    );
  }
  await client.query('begin');
  try {
    // Transaction-scoped: released by commit or rollback, whatever happens to this process.
    await client.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, schema]);
    await client.query(`create schema if not exists ${quoted}`);
    await client.query(
      `create table if not exists ${quoted}.schema_migrations (
         version integer primary key,
         name text not null,
         applied_at timestamptz not null default now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      `select version from ${quoted}.schema_migrations`,
    );
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql(quoted));
      await client.query(`insert into ${quoted}.schema_migrations (version, name) values ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
      done.add(migration.version);
    }
    await assertTransactionIdsAhead(client, quoted);
    await client.query('commit');
    return { schema, applied, version: Math.max(0, ...done) };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Creates the schema and applies every migration it lacks, in one transaction under an
 * advisory lock: safe to run at every start, from many processes at once.
 */
export function migrate(
  connection: PostgresConnection,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  return applyMigrations(connection, options.schema ?? DEFAULT_SCHEMA, MIGRATIONS);
}

/**
 * {@link migrate} with the steps given (in order) instead of all of them — for tests that build
 * a schema as an earlier release left it. Not exported from the package.
 *
 * @internal
 */
export async function applyMigrations(
  connection: PostgresConnection,
  schema: string,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  quoteSchema(schema);
  const { pool, release } = resolvePool(connection);
  try {
    const client = await pool.connect();
    try {
      return await migrateWith(client, schema, migrations);
    } finally {
      client.release();
    }
  } finally {
    await release();
  }
}

const migrated = new WeakMap<pg.Pool, Map<string, Promise<MigrationReport>>>();

/** Migrates a schema once per pool (the adapters' factories call this unless told not to). */
export function ensureMigrated(pool: pg.Pool, schema: string): Promise<MigrationReport> {
  let schemas = migrated.get(pool);
  if (schemas === undefined) {
    schemas = new Map();
    migrated.set(pool, schemas);
  }
  let report = schemas.get(schema);
  if (report === undefined) {
    report = migrate(pool, { schema });
    schemas.set(schema, report);
    report.catch(() => schemas.delete(schema));
  }
  return report;
}
