/*
 * ATTACK 10 — LOG_CHECKPOINT_STRIPPED dodged: strip the trailer's checkpoint AND the evidence the
 * rule looks for (the `log-keys` stream and every `PeriodSealed` event), edit a sealed count:
 * verify (nothing pinned) says clean and the import writes it.
 *
 * Attacker: anyone who handles the export file (a text editor, no keys, cannot sign).
 *
 * checkpoint-coverage.ts decides "checkpoints were written" from exactly two signs: an event in
 * `log-keys`, or a `PeriodSealed` in a `period-*` stream. Both are plain events the attacker can
 * drop (PeriodSealed is the last event of its period stream, log-keys a stream of its own), and
 * the chains still hold. The log still shows it was sealed — every `period-*` stream keeps its
 * `SheetsSealed`, the sealed months' tally sheets are gone, `series-index` holds `SeriesClosed`
 * events — but none of those is read as a sign. The docs: LOG_CHECKPOINT_STRIPPED is "found with
 * or without a pinned key" when "the log holds a seal".
 *
 * Secure behaviour expected: a log with sealed periods (SheetsSealed) but no checkpoint is a
 * finding even with nothing pinned; the import refuses it and writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../src/jsonl/export-format.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { readParts, rechain, recomputedTrailer, withSealedCountRaised, writeParts } from './export-edits.js';
import { importAttempt } from './import-attempt.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
let forged: string;
let edited: ExportRecord;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack10-stripped-'));
  log = await yearLog(dir, { volume: 0.2 });
  const parts = readParts(log.file);
  const raised = withSealedCountRaised(parts.records);
  let records = raised.records.filter(
    (candidate) => candidate.stream !== 'log-keys' && candidate.type !== 'PeriodSealed',
  );
  for (const stream of new Set(records.map((each) => each.stream)))
    if (stream.startsWith('period-')) records = rechain(records, stream);
  const trailer = recomputedTrailer({ ...parts, records });
  forged = join(dir, 'stripped-seals-and-keys.jsonl');
  writeParts(forged, {
    ...parts,
    records,
    trailer: { ...trailer, checkpoint: null, eventsAfterCheckpoint: trailer.events },
  });
  edited = records.find(
    (each) => each.stream === raised.edited.stream && each.type === 'SheetsSealed',
  ) as ExportRecord;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 10: checkpoint, seals and signing key stripped, sealed count edited, nothing pinned', () => {
  it('the rule fires when only the checkpoint is stripped (the baseline)', async () => {
    const parts = readParts(log.file);
    const stripped = join(dir, 'only-stripped.jsonl');
    writeParts(stripped, {
      ...parts,
      trailer: { ...(parts.trailer as NonNullable<typeof parts.trailer>), checkpoint: null },
    });
    const check = await verifyExportLog(stripped);
    expect(check.findings.map((finding) => finding.code)).toContain('LOG_CHECKPOINT_STRIPPED');
  });

  it('verify without a pinned key does not call it clean', async () => {
    const check = await verifyExportLog(forged);
    expect(
      check.findings.map((finding) => `${finding.code} ${finding.stream}`),
      `the edited ${edited.stream} verifies clean`,
    ).not.toEqual([]);
  });

  it('import without --trust refuses it and writes nothing', async () => {
    const { refused, written: events } = await importAttempt(forged);
    const written = events.length;
    const forgedCount = events.some(
      (event) => event.stream === edited.stream && Buffer.from(event.data).toString('base64') === edited.data,
    );
    expect({ refused, written, forgedCount }).toEqual({ refused: true, written: 0, forgedCount: false });
  });
});
