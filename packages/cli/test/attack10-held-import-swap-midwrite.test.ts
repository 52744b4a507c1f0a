/*
 * ATTACK 10 — the export file rewritten IN PLACE (same inode) while the write pass of a
 * multi-batch import is reading it, after the first batch went in; and the same with the file
 * grown (events appended, trailer rewritten) after the verification pass.
 *
 * Claim checked: the import writes exactly what it verified — a changed file is refused, and
 * whatever was written is a prefix of verified batches.
 *
 * Expected (secure) behaviour, asserted: refused, and every event in the target is byte for byte
 * an event of the verified file. (This held: kept as a regression test.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicKeyFromPem } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importExport } from '../src/jsonl/import-export.js';
import { readParts, rechain, recomputedTrailer, withSealedCountRaised, writeParts } from './export-edits.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
let publicKey: Uint8Array;
let honest: string;
let forgedText: string;
let grownText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack10-swap-'));
  log = await yearLog(dir, { volume: 0.2 });
  publicKey = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
  honest = readFileSync(log.file, 'utf8');
  const parts = readParts(log.file);
  const { records } = withSealedCountRaised(parts.records, 'last');
  const forged = join(dir, 'forged.jsonl');
  writeParts(forged, { ...parts, records, trailer: recomputedTrailer({ ...parts, records }) });
  forgedText = readFileSync(forged, 'utf8');
  const extra = parts.records.filter((each) => each.stream === 'series-index').slice(0, 1);
  const grownRecords = [...parts.records, ...extra.map((each) => ({ ...each, stream: 'extra' }))];
  const grown = join(dir, 'grown.jsonl');
  writeParts(grown, {
    ...parts,
    records: rechain(grownRecords, 'extra'),
    trailer: recomputedTrailer({ ...parts, records: rechain(grownRecords, 'extra') }),
  });
  grownText = readFileSync(grown, 'utf8');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importSwapping(replacement: () => string) {
  const file = join(dir, `target-${Math.random()}.jsonl`);
  writeFileSync(file, honest);
  const honestEvents = new Set(
    readParts(file).records.map((each) => `${each.stream} ${each.revision} ${each.data}`),
  );
  const target = createMemoryEventStore();
  let swapped = false;
  let refused = false;
  try {
    await importExport(file, target, {
      maxAppendBytes: 1024 * 1024,
      batchBytes: 4 * 1024,
      trust: { trusted: [log.checkpoint], publicKeys: [publicKey], pinned: true },
      onProgress(phase) {
        if (phase === 'writing' && !swapped) {
          writeFileSync(file, replacement()); // in place: the write pass's open stream reads the new bytes
          swapped = true;
        }
      },
    });
  } catch {
    refused = true;
  }
  let unverified = 0;
  let written = 0;
  for await (const event of target.readAll()) {
    written += 1;
    if (!honestEvents.has(`${event.stream} ${event.revision} ${Buffer.from(event.data).toString('base64')}`))
      unverified += 1;
  }
  return { swapped, refused, unverified, written };
}

describe('attack 10: the file changed in place during the write pass', () => {
  it('a forged count swapped in after the first batch is not written', async () => {
    const result = await importSwapping(() => forgedText);
    expect(result.swapped).toBe(true);
    expect({ refused: result.refused, unverified: result.unverified }).toEqual({
      refused: true,
      unverified: 0,
    });
  });

  it('a grown file (events appended after verification) writes nothing it did not verify', async () => {
    const result = await importSwapping(() => grownText);
    expect(result.swapped).toBe(true);
    expect({ refused: result.refused, unverified: result.unverified }).toEqual({
      refused: true,
      unverified: 0,
    });
  });
});
