import type { Session } from './database.js';

/** One file of a table on the server's disk: its heap, its TOAST table, or an index. */
export interface RelationFile {
  /** What the file belongs to, for messages (`heap`, `toast`, `index <name>`, `toast index`). */
  readonly part: string;
  /** The path under the data directory, as `pg_relation_filepath` gives it (first segment). */
  readonly path: string;
}

/**
 * Every file that can hold a table's row data: the heap, its TOAST table and the TOAST index,
 * and every index of the table (an index copies the indexed values, e.g. event and key ids).
 * Free-space and visibility maps hold no row data.
 */
export async function relationFiles(session: Session, table: string): Promise<RelationFile[]> {
  const { rows } = await session.query<{ part: string; path: string | null }>({
    text: `with t as (select oid, reltoastrelid from pg_class where oid = $1::regclass)
      select x.part, pg_relation_filepath(x.rel) as path from (
        select t.oid as rel, 'heap' as part from t
        union all select t.reltoastrelid, 'toast' from t where t.reltoastrelid <> 0
        union all select i.indexrelid, 'index ' || i.indexrelid::regclass::text from pg_index i, t where i.indrelid = t.oid
        union all select i.indexrelid, 'toast index' from pg_index i, t
                   where t.reltoastrelid <> 0 and i.indrelid = t.reltoastrelid
      ) x`,
    values: [table],
  });
  return rows.flatMap((row) => (row.path === null ? [] : [{ part: row.part, path: row.path }]));
}

const CHUNK = 8 * 1024 * 1024;
/** Relations are split into 1 GiB segments: `path`, `path.1`, `path.2` … */
const SEGMENT = 1024 * 1024 * 1024;

/**
 * Reads a relation file back from the server's disk (every segment), chunk by chunk, with
 * `pg_read_binary_file` — which needs superuser or `pg_read_server_files`. A missing file (a
 * relation dropped or rewritten, its old file unlinked at the checkpoint) reads as nothing.
 * Returns how many bytes were read.
 */
export async function readRelationFile(
  session: Session,
  path: string,
  onChunk: (chunk: Uint8Array) => void,
): Promise<number> {
  let total = 0;
  for (let segment = 0; ; segment += 1) {
    const segmentPath = segment === 0 ? path : `${path}.${segment}`;
    let offset = 0;
    let missing = false;
    for (;;) {
      const { rows } = await session.query<{ bytes: Uint8Array | null }>({
        text: 'select pg_read_binary_file($1, $2, $3, true) as bytes',
        values: [segmentPath, offset, CHUNK],
      });
      const bytes = rows[0]?.bytes ?? null;
      if (bytes === null) {
        missing = true;
        break;
      }
      if (bytes.length > 0) onChunk(bytes);
      offset += bytes.length;
      total += bytes.length;
      if (bytes.length < CHUNK) break;
    }
    if (missing || offset < SEGMENT) return total;
  }
}
