/*
 * ATTACK 7 — the import verifies one file and writes another (time of check / time of use).
 *
 * Attacker: can replace the export file while an import runs (the file sits on a share, a
 * mounted bucket, a USB stick the attacker also handles…). No keys; cannot sign.
 *
 * Claim attacked (docs/auditing.md "Import"): "`pinnstatistik import` checks everything before
 * it writes anything: every chain, the log tree … and the checkpoints you trust"; "a refused
 * import writes nothing"; an export whose history was edited is refused on import.
 *
 * The break: `importExport` reads the file TWICE by its path — once in `verifyExportLog`, once
 * more to write (`readExport(file)` again). What it writes was never verified. Replacing the file
 * between the two passes (atomically, by rename: the verify pass keeps reading the honest file it
 * opened) gets a forged history — here a sealed count raised by 100 000, its chain recomputed
 * and the trailer rewritten — written into the target, with the auditor's pinned key and saved
 * checkpoint (`--trust`) in force. The test uses the import's own progress callback only as a
 * clock to time the swap (the first callback comes during the verification pass); an attacker
 * needs nothing but to win a race that lasts as long as the verification of a whole export.
 *
 * Secure behaviour expected: the import writes exactly the events it verified (or refuses and
 * writes nothing) — e.g. it checks each event's chain and tree again as it writes, or reads a
 * private copy. It failed before
 * this round's fix.
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, publicKeyFromPem } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importExport } from '../src/jsonl/import-export.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { verifyStoreLog } from '../src/verify/verify-store-log.js';
import { readParts, recomputedTrailer, withSealedCountRaised, writeParts } from './export-edits.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
let publicKey: Uint8Array;
let forged: string;

const records = async (store: EventStore): Promise<string[]> => {
  const all: string[] = [];
  for await (const event of store.readAll())
    if (!event.stream.startsWith('checkpoint-'))
      all.push(`${event.stream}@${event.revision}:${Buffer.from(event.metadata).toString('hex')}`);
  return all.sort();
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack7-swap-'));
  log = await yearLog(dir, { volume: 2 });
  publicKey = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
  // The attacker's version: a sealed count raised, the chain recomputed, the trailer rewritten.
  const parts = readParts(log.file);
  const { records: changed } = withSealedCountRaised(parts.records);
  forged = join(dir, 'forged.jsonl');
  writeParts(forged, {
    ...parts,
    records: changed,
    trailer: recomputedTrailer({ ...parts, records: changed }),
  });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 7: the export swapped between the import verification and its writing', () => {
  it('the forged file alone is refused (the baseline: it is caught when it is what is verified)', async () => {
    const check = await verifyExportLog(forged, { trusted: [log.checkpoint], publicKeys: [publicKey] });
    expect(check.findings.map((finding) => finding.code)).toContain('LOG_STREAM_REWRITTEN');
  });

  it('the import writes only what it verified', async () => {
    expect(log.events).toBeGreaterThan(1000);
    const file = join(dir, 'in-transit.jsonl');
    copyFileSync(log.file, file);
    const swap = join(dir, 'swap.jsonl');
    copyFileSync(forged, swap);
    const target = createMemoryEventStore();
    let swapped = false;
    let refused = false;
    try {
      await importExport(file, target, {
        maxAppendBytes: 1024 * 1024,
        batchBytes: 64 * 1024 * 1024,
        trust: { trusted: [log.checkpoint], publicKeys: [publicKey], pinned: true },
        onProgress(phase) {
          // The attacker's move, timed by the first progress report of the verification pass.
          if (phase === 'checking' && !swapped) {
            renameSync(swap, file);
            swapped = true;
          }
        },
      });
    } catch {
      refused = true;
    }
    expect(swapped).toBe(true);
    const written = await records(target);
    // Either refused with nothing written, or what was written is the verified (honest) log.
    if (refused) expect(written).toEqual([]);
    else {
      // What the restored store says when it is verified under the same trust.
      const restored = await verifyStoreLog(target, {
        trusted: [log.checkpoint],
        publicKeys: [publicKey],
        pinned: true,
      });
      const codes = restored.findings.map((finding) => `${finding.code} ${finding.stream}`);
      expect(
        written,
        `the import finished and the target holds events that were never verified; the restored store verifies with: ${codes.join(', ')}`,
      ).toEqual(await records(log.store));
    }
  }, 60_000);
});
