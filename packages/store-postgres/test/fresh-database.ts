import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway database on the test server, and how to get rid of it. */
export interface FreshDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

const host = process.env.PGHOST ?? '127.0.0.1';
const port = process.env.PGPORT ?? '5432';
const user = process.env.PGUSER ?? 'postgres';

const urlFor = (database: string): string =>
  `postgres://${encodeURIComponent(user)}@${host.includes(':') ? `[${host}]` : host}:${port}/${database}`;

async function admin<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `pinn_<random>` on the server named by PGHOST/PGPORT/PGUSER (default
 * 127.0.0.1:5432, postgres), so each test file runs on a database of its own.
 */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `pinn_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  return {
    name,
    url: urlFor(name),
    drop: () =>
      admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
