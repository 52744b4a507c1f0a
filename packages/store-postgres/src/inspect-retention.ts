import type { LocalizedText } from '@pinnstatistik/core';
import {
  type PostgresConnection,
  type PostgresTimeouts,
  resolvePool,
  resolveTimeouts,
} from './connection.js';
import { createDatabase } from './database.js';
import { type RetentionFacts, readRetentionFacts } from './retention-facts.js';
import { type RetentionFinding, retentionFindings, retentionVerdict } from './retention-findings.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

/** Options for {@link inspectRetention}. */
export interface InspectRetentionOptions extends PostgresTimeouts {
  /** The events' schema (default `pinnstatistik`): its own `keys` table is counted. */
  readonly schema?: string;
  /**
   * Where the keys live: a PostgreSQL connection (compared with the events' server and
   * database), `'directory'` (the file key store), or absent (not said: keys found in the
   * events' schema count as kept with the events).
   */
  readonly keys?: PostgresConnection | 'directory';
  /** A transaction open longer than this holds back compaction (default 300 s). */
  readonly longTransactionSeconds?: number;
}

/** What {@link inspectRetention} found. */
export interface RetentionReport {
  readonly facts: RetentionFacts;
  /** Most serious first. */
  readonly findings: readonly RetentionFinding[];
  /** The verdict in plain words. */
  readonly verdict: LocalizedText;
  /** True when nothing lengthens the window and nothing could not be checked. */
  readonly clean: boolean;
}

/**
 * Reads the settings and state of the events' server that lengthen the window in which
 * deleted rows and destroyed keys survive — WAL archiving, wal_keep_size, replication slots
 * and their limit, standbys that hold back vacuum, long and prepared transactions, commit
 * timestamps, statement logging — and where the keys live relative to the events. Read-only;
 * what the role may not read is reported as unknown, never guessed.
 */
export async function inspectRetention(
  events: PostgresConnection,
  options: InspectRetentionOptions = {},
): Promise<RetentionReport> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  quoteSchema(schema);
  const timeouts = resolveTimeouts(options);
  const opened = resolvePool(events, timeouts);
  const keysPool =
    options.keys === undefined || options.keys === 'directory'
      ? undefined
      : resolvePool(options.keys, timeouts);
  try {
    const facts = await readRetentionFacts(
      createDatabase(opened.pool, timeouts, () => undefined),
      {
        schema,
        longTransactionSeconds: options.longTransactionSeconds ?? 300,
        keys:
          keysPool !== undefined
            ? { kind: 'postgres', database: createDatabase(keysPool.pool, timeouts, () => undefined) }
            : { kind: options.keys === 'directory' ? 'directory' : 'not-given' },
      },
    );
    const findings = retentionFindings(facts);
    return {
      facts,
      findings,
      verdict: retentionVerdict(findings),
      clean: findings.every((finding) => finding.severity === 'note'),
    };
  } finally {
    await Promise.all([opened.release(), keysPool?.release()]);
  }
}
