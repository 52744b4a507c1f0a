import type { Database } from './database.js';

/** The settings that decide how long a deleted row or a destroyed key survives somewhere. */
export const RETENTION_SETTINGS = [
  'archive_mode',
  'archive_command',
  'archive_library',
  'wal_level',
  'wal_keep_size',
  'max_slot_wal_keep_size',
  'max_wal_size',
  'hot_standby_feedback',
  'old_snapshot_threshold',
  'idle_in_transaction_session_timeout',
  'track_commit_timestamp',
  'log_statement',
  'log_min_duration_statement',
  'log_parameter_max_length',
  'recovery_min_apply_delay',
] as const;

/** Settings that may hold credentials or paths: reported only as set (`(set)`) or not (`''`). */
const CONCEALED: ReadonlySet<string> = new Set(['archive_command', 'archive_library']);
const SET = '(set)';

/** One of {@link RETENTION_SETTINGS}. */
export type RetentionSetting = (typeof RETENTION_SETTINGS)[number];

/** A replication slot, as far as it keeps WAL or holds back vacuum. */
export interface SlotFact {
  readonly name: string;
  readonly type: string;
  readonly active: boolean;
  /** WAL the slot keeps, in bytes (unknown on a standby or an invalidated slot). */
  readonly retainedBytes: number | undefined;
  /** The slot keeps vacuum from removing deleted rows (physical with feedback, or logical). */
  readonly holdsRows: boolean;
}

/**
 * A transaction in the events' database open long enough to keep deleted rows in the table
 * files (transactions in other databases do not hold back vacuum of this one's tables).
 */
export interface LongTransactionFact {
  readonly pid: number;
  readonly database: string;
  readonly application: string;
  readonly state: string;
  readonly seconds: number;
}

/** Where the keys live, seen from the events' database. */
export type KeyPlace =
  | 'events-database'
  | 'events-cluster'
  | 'other-cluster'
  | 'directory'
  | 'not-given'
  | 'unknown';

/**
 * What the server told about itself (a setting it would not show is `undefined`; the archive
 * command and library only as `(set)` or `''`, never their text).
 */
export interface RetentionFacts {
  readonly serverVersion: string;
  readonly database: string;
  readonly inRecovery: boolean;
  readonly settings: Readonly<Partial<Record<RetentionSetting, string>>>;
  readonly slots: readonly SlotFact[] | undefined;
  /** Standbys whose queries hold back vacuum here (hot_standby_feedback on their side). */
  readonly feedbackStandbys: readonly string[] | undefined;
  /** Undefined when the role may not see other sessions (needs pg_read_all_stats). */
  readonly longTransactions: readonly LongTransactionFact[] | undefined;
  readonly preparedTransactions: number | undefined;
  /** Live keys in the events schema's own key table (undefined: no such table or not readable). */
  readonly keysInEventsSchema: number | undefined;
  readonly keyPlace: KeyPlace;
}

async function attempt<T>(body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch {
    return undefined;
  }
}

/** The cluster's identity: its system identifier, or (without the right to read it) its address. */
export async function clusterIdentity(database: Database): Promise<string | undefined> {
  const system = await attempt(async () => {
    const { rows } = await database.query<{ id: string }>(
      'select system_identifier::text as id from pg_control_system()',
      'inspecting the server',
    );
    return rows[0]?.id;
  });
  if (system !== undefined) return system;
  return attempt(async () => {
    const { rows } = await database.query<{ id: string }>(
      `select coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port()::text, '') as id`,
      'inspecting the server',
    );
    return rows[0]?.id;
  });
}

/** Reads what {@link RetentionFacts} holds; whatever the role may not read stays `undefined`. */
export async function readRetentionFacts(
  database: Database,
  options: {
    readonly schema: string;
    readonly longTransactionSeconds: number;
    readonly keys:
      | { readonly kind: 'not-given' | 'directory' }
      | { readonly kind: 'postgres'; readonly database: Database };
  },
): Promise<RetentionFacts> {
  const what = 'inspecting the server';
  const { rows: server } = await database.query<{ version: string; database: string; recovery: string }>(
    `select current_setting('server_version') as version, current_database() as database,
            pg_is_in_recovery()::text as recovery`,
    what,
  );
  const { rows: settingRows } = await database.query<{
    name: RetentionSetting;
    setting: string;
    unit: string | null;
  }>(
    {
      text: 'select name, setting, unit from pg_settings where name = any($1)',
      values: [[...RETENTION_SETTINGS]],
    },
    what,
  );
  const settings: Partial<Record<RetentionSetting, string>> = {};
  for (const row of settingRows) {
    const value = row.unit === null ? row.setting : `${row.setting} ${row.unit}`;
    settings[row.name] = !CONCEALED.has(row.name) ? value : value === '' || value === '(disabled)' ? '' : SET;
  }
  const inRecovery = server[0]?.recovery === 'true';

  const slots = await attempt(async () => {
    const { rows } = await database.query<{
      name: string;
      type: string;
      active: string;
      retained: string | null;
      holds: string;
    }>(
      `select slot_name as name, slot_type as type, active::text,
              case when pg_is_in_recovery() or restart_lsn is null then null
                   else pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint::text end as retained,
              (xmin is not null or catalog_xmin is not null)::text as holds
         from pg_replication_slots order by slot_name`,
      what,
    );
    return rows.map((row) => ({
      name: row.name,
      type: row.type,
      active: row.active === 'true',
      retainedBytes: row.retained === null ? undefined : Number(row.retained),
      holdsRows: row.holds === 'true',
    }));
  });

  const feedbackStandbys = await attempt(async () => {
    const { rows } = await database.query<{ name: string }>(
      `select coalesce(nullif(application_name, ''), client_addr::text, 'a standby') as name
         from pg_stat_replication where backend_xmin is not null`,
      what,
    );
    return rows.map((row) => row.name);
  });

  const longTransactions = await attempt(async () => {
    const { rows: visible } = await database.query<{ all: string }>(
      `select (pg_has_role('pg_read_all_stats', 'member') or
               (select rolsuper from pg_roles where rolname = current_user))::text as all`,
      what,
    );
    if (visible[0]?.all !== 'true') return undefined;
    const { rows } = await database.query<{
      pid: string;
      database: string | null;
      application: string;
      state: string | null;
      seconds: string;
    }>(
      {
        text: `select pid::text, datname as database, application_name as application, state,
                      extract(epoch from now() - xact_start)::bigint::text as seconds
                 from pg_stat_activity
                where xact_start < now() - make_interval(secs => $1) and pid <> pg_backend_pid()
                  and backend_type = 'client backend' and datname = current_database()
                order by xact_start`,
        values: [options.longTransactionSeconds],
      },
      what,
    );
    return rows.map((row) => ({
      pid: Number(row.pid),
      database: row.database ?? '',
      application: row.application,
      state: row.state ?? 'unknown',
      seconds: Number(row.seconds),
    }));
  });

  const preparedTransactions = await attempt(async () => {
    const { rows } = await database.query<{ n: string }>(
      'select count(*)::text as n from pg_prepared_xacts',
      what,
    );
    return Number(rows[0]?.n);
  });

  const keysInEventsSchema = await attempt(async () => {
    const table = `"${options.schema}".keys`;
    const { rows: exists } = await database.query<{ found: string | null }>(
      { text: 'select to_regclass($1)::text as found', values: [table] },
      what,
    );
    if (exists[0]?.found === null || exists[0]?.found === undefined) return undefined;
    const { rows } = await database.query<{ n: string }>(`select count(*)::text as n from ${table}`, what);
    return Number(rows[0]?.n);
  });

  let keyPlace: KeyPlace = options.keys.kind === 'directory' ? 'directory' : 'not-given';
  if (options.keys.kind === 'postgres') {
    const [here, there] = await Promise.all([
      clusterIdentity(database),
      clusterIdentity(options.keys.database),
    ]);
    const { rows } = await options.keys.database.query<{ database: string }>(
      'select current_database() as database',
      what,
    );
    if (here === undefined || there === undefined) keyPlace = 'unknown';
    else if (here !== there) keyPlace = 'other-cluster';
    else keyPlace = rows[0]?.database === server[0]?.database ? 'events-database' : 'events-cluster';
  }

  return {
    serverVersion: server[0]?.version ?? 'unknown',
    database: server[0]?.database ?? '',
    inRecovery,
    settings,
    slots,
    feedbackStandbys,
    longTransactions,
    preparedTransactions,
    keysInEventsSchema,
    keyPlace,
  };
}
