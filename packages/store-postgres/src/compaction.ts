import { isStoreUnavailable } from '@pinnstatistik/core';
import type { Database, Session } from './database.js';
import { searchNeedles } from './find-needles.js';
import { countHeapTuples } from './heap-pages.js';
import { type RelationFile, readRelationFile, relationFiles } from './relation-files.js';

/** What compacting tables and reading them back established. */
export interface Compaction {
  /**
   * `verified`: every table was rewritten, the server checkpointed, and its files (old and new,
   * heap, TOAST and indexes) read back without finding any needle (nor, when asked, any row
   * version beyond the live rows); `residue`: a copy is known to remain (a table could not be
   * rewritten, or a needle or a dead row version was found); `unverifiable`: rewritten, but the
   * role may not checkpoint or read the files, or verification is off.
   */
  readonly outcome: 'verified' | 'residue' | 'unverifiable';
  /** Why, when not verified — for an operator, naming what to do. */
  readonly detail?: string;
  /**
   * Owners none of whose needles could tell anything: each was found, but also in a live row
   * (an identical value of an event still stored); they are neither proven gone nor found.
   */
  readonly unchecked?: number;
}

/** A byte string that betrays one removed row (its owner) if it is still in a file. */
export interface Needle {
  readonly bytes: Uint8Array;
  /** Which removed row it belongs to (rows may have several needles). */
  readonly owner: number;
}

/** What to compact, and what to look for afterwards. */
export interface CompactionRequest {
  /** Schema-qualified, quoted table names. */
  readonly tables: readonly string[];
  /** Byte strings that must no longer be anywhere in the tables' files (each ≥ 12 bytes). */
  readonly needles: readonly Needle[];
  /**
   * Whether a live row also holds these bytes: a needle found in the files is then no evidence
   * (an identical value of another event) and is set aside. Without it, every find counts.
   */
  readonly liveContains?: (session: Session, bytes: Uint8Array) => Promise<boolean>;
  /** Also require the heap of each table to hold no more tuples than it has live rows (see `countHeapTuples`). */
  readonly noDeadRows?: boolean;
  /** Read the files back (default true); without it the outcome is at best `unverifiable`. */
  readonly verify?: boolean;
  /**
   * A table rewritten in the order of one of its indexes (`CLUSTER`) after the others: the
   * streams table by its random ids, so its rows' places in the heap do not keep the order the
   * streams were created in (attack 40).
   */
  readonly reorder?: { readonly table: string; readonly index: string };
}

const INSUFFICIENT_PRIVILEGE = '42501';
const LOCK_NOT_AVAILABLE = '55P03';

const sqlStateOf = (error: unknown): unknown => {
  const direct = (error as { code?: unknown } | null)?.code;
  if (isStoreUnavailable(error)) return (error.cause as { code?: unknown } | null)?.code;
  return direct;
};

/** Who keeps deleted rows visible: the oldest snapshot in this database, prepared transactions, slots. */
async function snapshotHolders(session: Session): Promise<string> {
  const { rows } = await session.query<{ holder: string }>(
    `(select format('a session (pid %s, application %L, %s, transaction open since %s) holds a snapshot older than the deletion',
                    pid, application_name, state, coalesce(xact_start::text, 'unknown')) as holder
        from pg_stat_activity
       where datname = current_database() and backend_xmin is not null and pid <> pg_backend_pid()
       order by age(backend_xmin) desc limit 1)
     union all
     (select format('%s prepared transaction(s) in this database (pg_prepared_xacts)', count(*))
        from pg_prepared_xacts where database = current_database() having count(*) > 0)
     union all
     (select format('replication slot %L holds back vacuum (xmin %s)', slot_name, coalesce(xmin, catalog_xmin))
        from pg_replication_slots where xmin is not null or catalog_xmin is not null)`,
  );
  return rows.length === 0
    ? 'no running snapshot explains it; compact again'
    : `${rows.map((row) => row.holder).join('; ')}; once that ends, compact again`;
}

async function heapPath(session: Session, table: string): Promise<string | null> {
  const { rows } = await session.query<{ path: string | null }>({
    text: 'select pg_relation_filepath($1::regclass) as path',
    values: [table],
  });
  return rows[0]?.path ?? null;
}

/** Rewrites one table with `VACUUM FULL`; says why not when it could not. */
async function rewrite(session: Session, table: string): Promise<string | undefined> {
  const before = await heapPath(session, table);
  try {
    await session.query(`vacuum full ${table}`);
  } catch (error) {
    if (sqlStateOf(error) === LOCK_NOT_AVAILABLE)
      return `${table} could not be rewritten: its exclusive lock was not granted within lock_timeout (a long transaction uses the table)`;
    throw error;
  }
  // VACUUM by a role that does not own the table only warns and does nothing.
  if ((await heapPath(session, table)) === before)
    return `${table} was not rewritten (the store's role must own the table to VACUUM FULL it)`;
  return undefined;
}

/** Rewrites a table in an index's order (`CLUSTER`); says why not when it could not. */
async function reorder(
  session: Session,
  { table, index }: { readonly table: string; readonly index: string },
): Promise<string | undefined> {
  try {
    await session.query(`cluster ${table} using ${index}`);
    return undefined;
  } catch (error) {
    if (sqlStateOf(error) === LOCK_NOT_AVAILABLE)
      return `${table} could not be reordered (its rows' places keep the order streams were created in until the next compaction): its exclusive lock was not granted within lock_timeout`;
    if (sqlStateOf(error) === INSUFFICIENT_PRIVILEGE)
      return `${table} could not be reordered (the store's role must own the table to CLUSTER it)`;
    throw error;
  }
}

async function checkpoint(session: Session): Promise<string | undefined> {
  try {
    await session.query('checkpoint');
    return undefined;
  } catch (error) {
    if (sqlStateOf(error) === INSUFFICIENT_PRIVILEGE)
      return 'the store may not run CHECKPOINT (grant it pg_checkpoint, PostgreSQL 15+, or superuser), so the files on disk could not be brought up to date and checked';
    throw error;
  }
}

/**
 * Rewrites tables (`VACUUM FULL`, outside any transaction: a new file holding only the rows
 * some snapshot can still see, the old file truncated at once and unlinked at the next
 * checkpoint), forces a `CHECKPOINT` (every page on disk, the old files gone), then reads every
 * file of each table back — the new ones and the old — and searches them for the needles. On a
 * connection of its own, with the maintenance statement timeout and the lock timeout; it never
 * claims more than it checked.
 */
export async function compactAndVerify(database: Database, request: CompactionRequest): Promise<Compaction> {
  const { timeouts } = database;
  return database.withSession(
    'compaction',
    async (session) => {
      await session.query(`set statement_timeout = ${Math.round(timeouts.maintenanceTimeoutMs)}`);
      await session.query(`set lock_timeout = ${Math.round(timeouts.lockTimeoutMs)}`);
      const oldFiles: RelationFile[] = [];
      for (const table of request.tables) {
        oldFiles.push(...(await relationFiles(session, table)));
        const failed = await rewrite(session, table);
        if (failed !== undefined) return { outcome: 'residue', detail: failed };
      }
      if (request.reorder !== undefined) {
        const failed = await reorder(session, request.reorder);
        if (failed !== undefined) return { outcome: 'residue', detail: failed };
      }
      if (request.verify === false)
        return {
          outcome: 'unverifiable',
          detail: 'verification is off: the tables were rewritten but not read back',
        };
      const cannotCheckpoint = await checkpoint(session);
      if (cannotCheckpoint !== undefined) return { outcome: 'unverifiable', detail: cannotCheckpoint };
      try {
        return await verify(session, request, oldFiles);
      } catch (error) {
        if (sqlStateOf(error) === INSUFFICIENT_PRIVILEGE)
          return {
            outcome: 'unverifiable',
            detail:
              'the store may not read the table files back (grant it pg_read_server_files, or run it as superuser); the tables were rewritten but not checked',
          };
        throw error;
      }
    },
    { queryTimeoutMs: timeouts.maintenanceTimeoutMs + timeouts.queryTimeoutMs, discard: true },
  );
}

/** At most this many found needles are checked against live rows; more is residue without asking. */
const MASK_CHECKS = 50;

async function verify(
  session: Session,
  request: CompactionRequest,
  oldFiles: readonly RelationFile[],
): Promise<Compaction> {
  const search = searchNeedles(request.needles.map((needle) => needle.bytes));
  const newFiles: RelationFile[] = [];
  for (const table of request.tables) newFiles.push(...(await relationFiles(session, table)));
  const whereFound: string[] = [];
  for (const file of [...oldFiles, ...newFiles]) {
    const before = search.found.size;
    search.nextFile();
    await readRelationFile(session, file.path, (chunk) => search.feed(chunk));
    if (search.found.size > before) whereFound.push(file.part);
  }
  const masked = new Set<number>();
  if (request.liveContains !== undefined && search.found.size <= MASK_CHECKS) {
    for (const index of search.found) {
      if (await request.liveContains(session, (request.needles[index] as Needle).bytes)) masked.add(index);
    }
  }
  const residue = new Set<number>();
  for (const index of search.found)
    if (!masked.has(index)) residue.add((request.needles[index] as Needle).owner);
  if (residue.size > 0) {
    return {
      outcome: 'residue',
      detail: `${residue.size} deleted row(s) are still in the files (${[...new Set(whereFound)].join(
        ', ',
      )}): ${await snapshotHolders(session)}`,
    };
  }
  const telling = new Set<number>();
  const owners = new Set<number>();
  request.needles.forEach((needle, index) => {
    owners.add(needle.owner);
    if (!masked.has(index)) telling.add(needle.owner);
  });
  const unchecked = owners.size - telling.size;
  if (request.noDeadRows === true) {
    for (const table of request.tables) {
      const dead = await deadRowVersions(session, table);
      if (dead > 0)
        return {
          outcome: 'residue',
          detail: `${table}'s file still holds ${dead} deleted row version(s): ${await snapshotHolders(session)}`,
        };
    }
  }
  return unchecked === 0 ? { outcome: 'verified' } : { outcome: 'verified', unchecked };
}

/**
 * Stored tuples beyond the live rows, counted with writers held off (a SHARE lock blocks
 * inserts and deletes, not reads) and the pages on disk brought up to date first.
 */
async function deadRowVersions(session: Session, table: string): Promise<number> {
  await session.query('begin');
  try {
    await session.query(`lock table ${table} in share mode`);
    await session.query('checkpoint');
    const { rows } = await session.query<{ live: string; page: string }>(
      `select (select count(*) from ${table})::text as live, current_setting('block_size') as page`,
    );
    const counter = countHeapTuples(Number(rows[0]?.page));
    const path = await heapPath(session, table);
    if (path !== null) await readRelationFile(session, path, (chunk) => counter.feed(chunk));
    await session.query('commit');
    return counter.tuples - Number(rows[0]?.live);
  } catch (error) {
    await session.query('rollback').catch(() => undefined);
    throw error;
  }
}
