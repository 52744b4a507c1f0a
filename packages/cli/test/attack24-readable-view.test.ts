/*
 * ATTACK 24 — the readable view. Every public line of an export carries `view`, its payload
 * decoded for people (packages/cli/README.md, "The export format": "`view` is a public payload
 * decoded for people — readers check it against `data`, which is what the chain hash covers").
 * An auditor or a journalist reading the file reads `view`. An attacker who handles the file
 * (text editor, no key) leaves every stored byte, chain and the trailer alone and edits only what
 * people read:
 *
 *   a. a sealed month's table shows 100,000 more contacts in its view;
 *   b. a private tally line (`Encrypted`, no view in an honest export) gets a made-up readable
 *      view, as if the detail were in clear.
 *
 * Claims under attack: docs/auditing.md:130 (EXPORT_VIEW_MISMATCH, "a readable view does not show
 * the bytes stored beside it"), docs/auditing.md:215–216 ("an import refuses any file with a
 * finding"), README "An edited export fails … `import` refuses to load it and writes nothing".
 * No test had played this finding before.
 *
 * Both attacks HOLD.
 *
 * Shown to fail against a weakened product (restored exactly afterwards):
 *  - packages/cli/src/jsonl/parse-export-line.ts: the view compared to nothing (`view = 'matches'`
 *    whenever a line has one). Both (a) and (b) failed: verify found nothing in either file ("the
 *    edited view verifies clean: expected [] to not deeply equal []", "the planted view …").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../src/jsonl/export-format.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { chainOnlyFindings, type ExportParts, readParts, writeParts } from './export-edits.js';
import { importAttempt } from './import-attempt.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
let parts: ExportParts;

/** Writes the export with one record replaced, everything else (trailer included) as exported. */
const withRecord = (name: string, index: number, record: ExportRecord): string => {
  const file = join(dir, name);
  writeParts(file, { ...parts, records: parts.records.map((each, at) => (at === index ? record : each)) });
  return file;
};

/** The export's line number of a record (the header is line 1). */
const lineOf = (index: number): string => String(index + 2);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack24-view-'));
  log = await yearLog(dir, { volume: 0.2 });
  parts = readParts(log.file);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 24: what people read of an export, edited beside untouched bytes', () => {
  it('(a) a sealed table shown with 100,000 more contacts: EXPORT_VIEW_MISMATCH at its line, nothing imported', async () => {
    const index = parts.records.findIndex((record) => record.type === 'SheetsSealed');
    const record = parts.records[index] as ExportRecord;
    const view = structuredClone(record.view) as { data: { sheets: { tables: { contacts: number } }[] } };
    const before = view.data.sheets[0]?.tables.contacts as number;
    (view.data.sheets[0] as { tables: { contacts: number } }).tables.contacts = before + 100_000;
    const file = withRecord('view-raised.jsonl', index, { ...record, view });
    expect(await chainOnlyFindings(file)).toEqual([]);
    const check = await verifyExportLog(file, { publicKeys: [] });
    const found = check.findings.map(
      (finding) => `${finding.code} ${finding.stream}@${finding.revision} line ${finding.position}`,
    );
    expect(found, 'the edited view verifies clean').not.toEqual([]);
    expect(found).toEqual([`EXPORT_VIEW_MISMATCH ${record.stream}@${record.revision} line ${lineOf(index)}`]);
    const { refused, written } = await importAttempt(file);
    expect({ refused, written: written.length }).toEqual({ refused: true, written: 0 });
  });

  it('(b) a private tally line given a readable view of made-up detail: EXPORT_VIEW_MISMATCH, nothing imported', async () => {
    const index = parts.records.findIndex(
      (record) => record.stream.startsWith('tally-') && record.type === 'Encrypted',
    );
    const record = parts.records[index] as ExportRecord;
    expect(record.view).toBeUndefined();
    const view = {
      type: 'ContactTallied',
      data: { interventionId: 'rad-och-stod', unitId: 'motesplats', marks: { gender: 'female' } },
      meta: {},
    };
    const file = withRecord('view-planted.jsonl', index, { ...record, view } as ExportRecord);
    expect(await chainOnlyFindings(file)).toEqual([]);
    const check = await verifyExportLog(file, { publicKeys: [] });
    const codes = check.findings.map((finding) => `${finding.code} ${finding.stream}@${finding.revision}`);
    expect(codes, 'the planted view verifies clean').not.toEqual([]);
    expect(codes).toContain(`EXPORT_VIEW_MISMATCH ${record.stream}@${record.revision}`);
    const { refused, written } = await importAttempt(file);
    expect({ refused, written: written.length }).toEqual({ refused: true, written: 0 });
  });
});
