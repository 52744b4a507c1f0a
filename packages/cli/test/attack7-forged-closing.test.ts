/*
 * ATTACK 7 — a signed series stream removed from an export, excused by a forged, unsigned
 * closing: verify (key and saved checkpoint pinned) says CLEAN and the import writes it.
 *
 * Attacker: anyone who handles the export file (a text editor, no keys, cannot sign).
 *
 * Claim attacked (docs/auditing.md; DESIGN principle 6): an export whose history was edited —
 * events removed — does not verify clean and is refused on import; signed checkpoints prove
 * "that what they replay is all of it … deleted streams included"; the only deletions are those
 * a seal or a closing accounts for. A stream a checkpoint signed and that is missing must be
 * accounted for by its holder (`checkDeletedStream`): for a series, a `SeriesClosed` in
 * `series-index`.
 *
 * The break: the verifier accepts that accounting from an event the checkpoint does NOT cover.
 * For seals this is closed (`LOG_SEAL_AFTER_CHECKPOINT`: a seal after the latest checkpoint is a
 * finding — the test "rewrites an open sheet, then seals it to hide the edit"), for closings
 * it is not. The attacker deletes an open series' stream — every one of its events signed by
 * the checkpoint (its opening, sessions, working notes) — and appends to `series-index`, after
 * the signed head, a `SeriesClosed` whose size, head and root are the deleted stream's as the
 * checkpoint signed them (all public: the chain hashes are in clear, the root is in the
 * checkpoint). No `SeriesClosing` was ever written in the series, no key destroyed, nothing
 * tallied: the closing is made up. The only trace is "1 more event after the latest signed
 * checkpoint: only their hash chains vouch for them". (Only an auditor who also holds the
 * operator's key store — `verify --keys` — sees something: SERIES_KEY_NOT_DESTROYED, because
 * the series key was never destroyed. An export carries no keys; `import` takes none.)
 *
 * Secure behaviour expected: signed events cannot be removed on the word of an unsigned event —
 * a closing that accounts for a stream a checkpoint signed, and that no checkpoint covers, is a
 * finding (as a seal is), so verify is not clean and the import refuses. It failed before
 * this round's fix.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JsonValue, publicKeyFromPem, readHeader, sealEvent } from '@pinnstatistik/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../src/jsonl/export-format.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { asEvent, type ExportParts, readParts, recomputedTrailer, writeParts } from './export-edits.js';
import { importAttempt } from './import-attempt.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
let publicKey: Uint8Array;
let parts: ExportParts;
let victim: string;
let forged: string;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack7-closing-'));
  log = await yearLog(dir, { volume: 0.2 });
  publicKey = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
  parts = readParts(log.file);
  // An open series the checkpoint signed whole.
  const sizes = new Map<string, number>();
  for (const record of parts.records) sizes.set(record.stream, (sizes.get(record.stream) ?? 0) + 1);
  const leaf = log.checkpoint.leaves.find(
    (candidate) =>
      candidate.stream.startsWith('series-') &&
      candidate.stream !== 'series-index' &&
      sizes.get(candidate.stream) === candidate.size &&
      candidate.size >= 2,
  );
  if (leaf === undefined) throw new Error('no open series signed whole');
  victim = leaf.stream;
  const own = parts.records.filter((record) => record.stream === victim);
  const head = hex(readHeader(asEvent(own[own.length - 1] as ExportRecord).metadata)?.hash as Uint8Array);

  const index = parts.records.filter((record) => record.stream === 'series-index');
  const last = index[index.length - 1] as ExportRecord;
  const closing = sealEvent(
    'series-index',
    last.revision + 1,
    readHeader(asEvent(last).metadata)?.hash as Uint8Array,
    {
      id: '0a0b0c0d-0007-4000-8000-00000000c105',
      type: 'SeriesClosed',
      data: {
        series: victim,
        reason: 'completed',
        notesDestroyed: 0,
        size: leaf.size,
        head,
        root: leaf.root,
      } as unknown as JsonValue,
      meta: { commandId: '0a0b0c0d-0007-4000-8000-00000000c106' } as never,
    },
  );
  const payload = Buffer.from(closing.event.data);
  const appended: ExportRecord = {
    stream: 'series-index',
    revision: last.revision + 1,
    position: '0',
    id: closing.event.id,
    type: closing.event.type,
    data: payload.toString('base64'),
    metadata: Buffer.from(closing.event.metadata).toString('base64'),
    view: JSON.parse(payload.toString('utf8')),
  };
  const records = [...parts.records.filter((record) => record.stream !== victim), appended];
  forged = join(dir, 'closed-away.jsonl');
  writeParts(forged, { ...parts, records, trailer: recomputedTrailer({ ...parts, records }) });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 7: a signed series removed, excused by a forged closing after the checkpoint', () => {
  it('the stream removed without the closing is caught (the baseline)', async () => {
    const records = parts.records.filter((record) => record.stream !== victim);
    const file = join(dir, 'removed.jsonl');
    writeParts(file, { ...parts, records, trailer: recomputedTrailer({ ...parts, records }) });
    const check = await verifyExportLog(file, { trusted: [log.checkpoint], publicKeys: [publicKey] });
    expect(check.findings.map((finding) => `${finding.code} ${finding.stream}`)).toContain(
      `LOG_STREAM_MISSING ${victim}`,
    );
  });

  it('verify --trust --public-key does not call it clean', async () => {
    const check = await verifyExportLog(forged, { trusted: [log.checkpoint], publicKeys: [publicKey] });
    expect(
      check.findings.map((finding) => `${finding.code} ${finding.stream}`),
      `${victim} (${log.checkpoint.leaves.find((leaf) => leaf.stream === victim)?.size} signed events) is gone, and the export verifies clean`,
    ).not.toEqual([]);
  });

  it('import --trust refuses it and writes nothing', async () => {
    const { refused, written: events } = await importAttempt(forged, {
      trusted: [log.checkpoint],
      publicKeys: [publicKey],
      pinned: true,
    });
    const written = events.length;
    expect({ refused, written }).toEqual({ refused: true, written: 0 });
  });
});
