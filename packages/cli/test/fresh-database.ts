import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway database on the test server, and how to get rid of it. */
export interface FreshDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const host = process.env.PGHOST ?? '127.0.0.1';
const port = process.env.PGPORT ?? '5432';
const user = process.env.PGUSER ?? 'postgres';
const urlFor = (database: string): string =>
  `postgres://${encodeURIComponent(user)}@${host}:${port}/${database}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `pinn_cli_<random>` (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres). */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `pinn_cli_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  return { url: urlFor(name), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
