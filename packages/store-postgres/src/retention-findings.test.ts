import { describe, expect, it } from 'vitest';
import type { RetentionFacts } from './retention-facts.js';
import { retentionFindings, retentionVerdict } from './retention-findings.js';

const quiet: RetentionFacts = {
  serverVersion: '15.20',
  database: 'pinnstatistik',
  inRecovery: false,
  settings: {
    archive_mode: 'off',
    archive_command: '',
    archive_library: '',
    wal_level: 'replica',
    wal_keep_size: '0 MB',
    max_slot_wal_keep_size: '-1 MB',
    max_wal_size: '1024 MB',
    hot_standby_feedback: 'off',
    idle_in_transaction_session_timeout: '300000 ms',
    track_commit_timestamp: 'off',
    log_statement: 'none',
    log_min_duration_statement: '-1 ms',
    log_parameter_max_length: '-1 B',
  },
  slots: [],
  feedbackStandbys: [],
  longTransactions: [],
  preparedTransactions: 0,
  keysInEventsSchema: 0,
  keyPlace: 'other-cluster',
};

const serious = (facts: RetentionFacts) =>
  retentionFindings(facts)
    .filter((finding) => finding.severity !== 'note')
    .map((finding) => [finding.code, finding.severity]);

describe('retention findings', () => {
  it('find nothing that lengthens the window on a quiet server with keys elsewhere, and say so', () => {
    expect(serious(quiet)).toEqual([]);
    expect(retentionVerdict(retentionFindings(quiet)).en).toMatch(/^Nothing in the server/);
  });

  it('name each setting that keeps deleted rows or keys longer, most serious first', () => {
    const findings = serious({
      ...quiet,
      settings: {
        ...quiet.settings,
        archive_mode: 'on',
        archive_command: 'pgbackrest archive-push %p',
        wal_keep_size: '2048 MB',
        track_commit_timestamp: 'on',
        log_statement: 'mod',
      },
      slots: [
        { name: 'standby_1', type: 'physical', active: false, retainedBytes: 3 * 1024 ** 3, holdsRows: true },
      ],
      preparedTransactions: 2,
      keyPlace: 'events-cluster',
    });
    expect(findings).toEqual([
      ['ARCHIVING', 'window'],
      ['WAL_KEEP_SIZE', 'window'],
      ['REPLICATION_SLOT', 'window'],
      ['SLOT_WAL_UNLIMITED', 'window'],
      ['PREPARED_TRANSACTION', 'window'],
      ['KEYS_IN_EVENTS_CLUSTER', 'window'],
      ['COMMIT_TIMESTAMPS', 'window'],
      ['STATEMENT_LOGGING', 'window'],
    ]);
  });

  it('never print the archive command (it may hold credentials), and say what a slot keeps in both languages', () => {
    const findings = retentionFindings({
      ...quiet,
      settings: { ...quiet.settings, archive_mode: 'on', archive_command: 'aws s3 cp --secret=hunter2 %p' },
      slots: [
        {
          name: 'standby_1',
          type: 'physical',
          active: false,
          retainedBytes: 3 * 1024 ** 3,
          holdsRows: false,
        },
      ],
    });
    expect(JSON.stringify(findings)).not.toContain('hunter2');
    const slot = findings.find((finding) => finding.code === 'REPLICATION_SLOT');
    expect(slot?.message.en).toContain('3.0 GB');
    expect(slot?.message.sv).toContain('används inte');
    expect(slot?.message.sv).toContain('hur länge som helst');
  });

  it('report what the role could not read as unknown, never as clean', () => {
    const findings = retentionFindings({
      ...quiet,
      settings: { ...quiet.settings, archive_command: undefined, archive_library: undefined },
      longTransactions: undefined,
      slots: undefined,
    });
    expect(findings.filter((finding) => finding.severity === 'unknown')).toHaveLength(3);
    expect(retentionVerdict(findings).sv).toContain('3 saker gick inte att kontrollera');
  });
});
