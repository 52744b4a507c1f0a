import {
  type FaultListener,
  type PostgresConnection,
  type ResolvedTimeouts,
  resolvePool,
} from './connection.js';
import { createDatabase, type Database } from './database.js';

/** Where compaction runs: the store's own connection, or one with the rights compaction needs. */
export interface MaintenanceConnection {
  readonly database: Database;
  release(): Promise<void>;
}

/**
 * The connection compaction uses: `maintenance` when given — a role that owns the tables (to
 * `VACUUM FULL` them) and may `CHECKPOINT` and read the server's files (`pg_checkpoint`,
 * `pg_read_server_files`), so the store's everyday role needs none of that — else the store's
 * own.
 */
export function openMaintenance(
  maintenance: PostgresConnection | undefined,
  own: Database,
  timeouts: ResolvedTimeouts,
  onFault: FaultListener,
): MaintenanceConnection {
  if (maintenance === undefined) return { database: own, release: async () => undefined };
  const { pool, release } = resolvePool(maintenance, timeouts, onFault);
  return { database: createDatabase(pool, timeouts, onFault), release };
}
