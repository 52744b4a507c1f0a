import { existsSync, readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { onPath, runCommand } from './system-commands.js';
import { isRoot, type TestService } from './test-service.js';

const host = process.env.PGHOST ?? '127.0.0.1';
const port = process.env.PGPORT ?? '5432';
const user = process.env.PGUSER ?? 'postgres';
const where = `${host}:${port} (user ${user})`;
const local = ['127.0.0.1', 'localhost', '::1'].includes(host);

/** The Debian clusters on this machine (`/etc/postgresql/<version>/<cluster>`) that listen on PGPORT. */
function clusters(): { version: string; cluster: string }[] {
  if (!existsSync('/etc/postgresql')) return [];
  return readdirSync('/etc/postgresql')
    .flatMap((version) => readdirSync(`/etc/postgresql/${version}`).map((cluster) => ({ version, cluster })))
    .filter(({ version, cluster }) => {
      const conf = `/etc/postgresql/${version}/${cluster}/postgresql.conf`;
      const configured = existsSync(conf)
        ? /^\s*port\s*=\s*(\d+)/m.exec(readFileSync(conf, 'utf8'))?.[1]
        : undefined;
      return (configured ?? '5432') === port;
    });
}

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({
    host,
    port: Number(port),
    user,
    database: 'postgres',
    connectionTimeoutMillis: 3000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return `not answering at ${where}: ${code ?? message ?? String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres): the store-postgres and CLI operator suites. */
export const postgresService: TestService = {
  name: 'PostgreSQL',
  suites: [
    'packages/store-postgres/**/*.int.test.ts',
    'packages/cli/test/operator-postgres.int.test.ts',
    'packages/cli/test/doctor.int.test.ts',
    'packages/cli/test/swedish-operator.int.test.ts',
  ],
  probe,
  howTo() {
    const elsewhere = 'or set PGHOST/PGPORT/PGUSER to a server where that user may create databases';
    if (!local) return `start the server at ${where}, ${elsewhere}`;
    const found = clusters();
    if (found.length === 0 || !onPath('pg_ctlcluster'))
      return `start PostgreSQL 13 or later on ${where} (Debian: apt-get install postgresql), ${elsewhere}`;
    const start = found.map(({ version, cluster }) => `pg_ctlcluster ${version} ${cluster} start`).join('; ');
    return `start it as root (sudo ${start}), ${elsewhere}`;
  },
  async provide(log) {
    const found = clusters();
    if (!local || found.length === 0 || !onPath('pg_ctlcluster') || !isRoot()) return false;
    for (const { version, cluster } of found) {
      log(`starting PostgreSQL ${version}/${cluster} (pg_ctlcluster)…`);
      runCommand('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, 'start'], log);
    }
    for (let attempt = 0; attempt < 30 && (await probe()) !== undefined; attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 1000));
    return true;
  },
};
