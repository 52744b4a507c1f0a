/*
 * ATTACK 7 — strip the trailer's checkpoint, edit a sealed count: verify says CLEAN and the
 * import writes it, whenever no key is pinned.
 *
 * Attacker: anyone who handles the export file (a text editor, no keys, cannot sign).
 * Victim: whoever verifies or restores the export without `--public-key`/`--trust` — both are
 * optional on `verify` and on `import` (`import log.jsonl --into postgres://…` is a complete
 * command, and the import prints nothing about trust).
 *
 * Claim attacked: an export whose history was edited does not verify clean and is refused on
 * import. Without a pinned key the log's own checkpoint still vouches for itself: the carried
 * checkpoint is checked against the keys the log declares (`log-keys`), so editing a signed
 * event IS caught (LOG_STREAM_REWRITTEN) — unless the attacker simply sets the trailer's
 * `checkpoint` to null. Then no checkpoint is held, the tree checks have nothing to compare
 * with, and the rule "every seal writes a checkpoint" (LOG_SEAL_AFTER_CHECKPOINT) is skipped
 * altogether because it only runs when SOME checkpoint is held — although the log itself shows
 * 11 seals and an adopted signing key, i.e. that checkpoints were written and are missing.
 *
 * The edit: a SheetsSealed count raised by 100 000, its chain recomputed, the trailer rewritten
 * with `checkpoint: null`. Verified without a pinned key: no findings. Imported without --trust:
 * written, and the restored store's statistics carry the forged count.
 *
 * Partly documented: `verify` prints, beside "Verdict: CLEAN" and exit 0, "No signed checkpoint
 * to hold the log to: only that it is consistent with itself was checked; an edited file with
 * recomputed chains would pass". But the log is NOT consistent with itself — it holds seals that
 * each wrote a checkpoint, and a declared signing key — and `import` prints no such warning: it
 * restores the forged statistics and reports "every hash chain and the log tree verified".
 *
 * Secure behaviour expected: a log with seals (or a declared signing key) but no checkpoint is a
 * finding even when nothing is pinned, so verify is not clean and the import refuses. This test
 * failed before this round's fix.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../src/jsonl/export-format.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { readParts, recomputedTrailer, withSealedCountRaised, writeParts } from './export-edits.js';
import { importAttempt } from './import-attempt.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
let forged: string;
let edited: ExportRecord;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack7-stripped-'));
  log = await yearLog(dir, { volume: 0.2 });
  const parts = readParts(log.file);
  const raised = withSealedCountRaised(parts.records);
  edited = raised.edited;
  const changed = raised.records;
  const trailer = recomputedTrailer({ ...parts, records: changed });
  forged = join(dir, 'stripped-and-edited.jsonl');
  writeParts(forged, {
    ...parts,
    records: changed,
    trailer: { ...trailer, checkpoint: null, eventsAfterCheckpoint: trailer.events },
  });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 7: checkpoint stripped, sealed count edited, nothing pinned', () => {
  it('the same edit with the checkpoint left in is caught without a pinned key (the baseline)', async () => {
    const parts = readParts(forged);
    const kept = join(dir, 'edited-with-checkpoint.jsonl');
    writeParts(kept, { ...parts, trailer: { ...recomputedTrailer(parts), checkpoint: log.checkpoint } });
    const check = await verifyExportLog(kept);
    expect(check.findings.map((finding) => finding.code)).toContain('LOG_STREAM_REWRITTEN');
  });

  it('verify without a pinned key does not call the stripped, edited export clean', async () => {
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
    expect({ refused, written, forgedCount }, JSON.stringify({ refused, written, forgedCount })).toEqual({
      refused: true,
      written: 0,
      forgedCount: false,
    });
  });
});
