import pg from 'pg';

/**
 * The attacker of the shredding tests: a superuser with a copy of the data directory. It
 * knows nothing of the store's code — it asks the catalogue for every file of a table (heap,
 * TOAST, indexes), makes the server write every page out (CHECKPOINT), and reads the files
 * back as raw bytes with pg_read_binary_file.
 */
export async function tableFiles(url: string, table: string): Promise<Buffer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('checkpoint');
    const { rows } = await client.query<{ path: string }>(
      `with t as (select oid, reltoastrelid from pg_class where oid = $1::regclass)
       select pg_relation_filepath(r) as path from (
         select oid as r from t
         union all select reltoastrelid from t where reltoastrelid <> 0
         union all select indexrelid from pg_index, t where indrelid in (t.oid, t.reltoastrelid)
       ) x`,
      [table],
    );
    const files: Buffer[] = [];
    for (const { path } of rows) {
      const read = await client.query<{ bytes: Buffer | null }>(
        'select pg_read_binary_file($1, 0, 104857600, true) as bytes',
        [path],
      );
      if (read.rows[0]?.bytes) files.push(read.rows[0].bytes);
    }
    return Buffer.concat(files);
  } finally {
    await client.end();
  }
}

/**
 * Which of `secrets` occur in `haystack`, judged by their first 64 bytes (a value stored out of
 * line is split into TOAST chunks of about 2 kB; its first bytes stay together).
 */
export function found(haystack: Buffer, secrets: readonly Uint8Array[]): Uint8Array[] {
  return secrets.filter((secret) => haystack.indexOf(Buffer.from(secret.subarray(0, 64))) !== -1);
}
