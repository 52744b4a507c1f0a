/*
 * ATTACK 24 — the first audit (README, "An auditor's session", step 2): the auditor holds nothing
 * but the operator's published key (`verify log.jsonl --public-key operator.pem`), so the only
 * checkpoint the log is held to is the one the export's own trailer carries. An attacker who
 * handles the file (a text editor, the export-edits toolkit, no signing key) raises a sealed count,
 * recomputes the period stream's chain and the trailer's totals, and then edits that carried
 * checkpoint so it agrees with the forgery:
 *
 *   a. only the checkpoint's leaf for the edited stream (its root), leaving the signed head alone —
 *      the leaves are not under the signature, only their root is;
 *   b. the leaf, and the head's root, tree size and event count recomputed from the forged leaves —
 *      every number consistent, the signature now over another message.
 *
 * Claims under attack: README ("An edited export fails — even with every hash chain recomputed …
 * held to a signed checkpoint, `verify` names the stream … and exits 1; `import` refuses to load
 * it and writes nothing"), docs/auditing.md:25–29 (the checkpoint carries its leaf list, each
 * stream must keep "the same root at that size") and the finding LOG_CHECKPOINT_INVALID
 * (docs/auditing.md:120: "a checkpoint … whose signature or root does not hold"), which no test
 * played end to end on an export before.
 *
 * Both attacks HOLD (the forgery is found, the import writes nothing).
 *
 * Shown to fail against a weakened product (each weakening restored exactly afterwards):
 *  - packages/core/src/merkle/log-checkpoint.ts, `checkCheckpoint`: returned `undefined` right after
 *    the signature check (the leaves no longer checked against the signed root). Attack (a) failed:
 *    verify found nothing in the forged file ("the forged sealed count verifies clean: expected []
 *    to not deeply equal []"); (b) still held (its signature breaks).
 *  - same function: the signature no longer checked. Attack (b) failed the same way (verify clean);
 *    (a) held (its leaves do not add up to the signed root).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogState, logRoot, publicKeyFromPem } from '@pinnstatistik/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord, ExportTrailer } from '../src/jsonl/export-format.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import {
  asEvent,
  chainOnlyFindings,
  type ExportParts,
  readParts,
  recomputedTrailer,
  withSealedCountRaised,
  writeParts,
} from './export-edits.js';
import { importAttempt } from './import-attempt.js';
import { type YearLog, yearLog } from './year-log.js';

let dir: string;
let log: YearLog;
let parts: ExportParts;
let operatorKey: Uint8Array;
let forgedRecords: ExportRecord[];
let edited: ExportRecord;

/** The forged log's own leaves: every stream's size and root as the attacker recomputes them. */
const forgedLeaves = (records: readonly ExportRecord[]) => {
  const state = createLogState();
  for (const record of records) state.observe(asEvent(record));
  return state.leaves();
};

/** Writes the forged records with the trailer recomputed and its checkpoint replaced. */
const writeForgery = (name: string, checkpoint: NonNullable<ExportTrailer['checkpoint']>): string => {
  const file = join(dir, name);
  const forged = { ...parts, records: forgedRecords };
  writeParts(file, { ...forged, trailer: { ...recomputedTrailer(forged), checkpoint } });
  return file;
};

const pinned = () => ({ trusted: [], publicKeys: [operatorKey], pinned: true });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack24-carried-'));
  log = await yearLog(dir, { volume: 0.2 });
  parts = readParts(log.file);
  operatorKey = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
  const raised = withSealedCountRaised(parts.records);
  forgedRecords = raised.records;
  edited = raised.edited;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 24: the checkpoint an export carries, edited to agree with a forged sealed count', () => {
  /** A forged file its chains pass but the checkpoint does not: verify finds it, import writes nothing. */
  const expectCaughtAndRefused = async (file: string): Promise<void> => {
    expect(await chainOnlyFindings(file)).toEqual([]);
    const check = await verifyExportLog(file, { publicKeys: [operatorKey] });
    const codes = check.findings.map((finding) => finding.code);
    expect(codes, 'the forged sealed count verifies clean').not.toEqual([]);
    expect(codes).toContain('LOG_CHECKPOINT_INVALID');
    const { refused, written } = await importAttempt(file, pinned());
    expect({ refused, written: written.length }).toEqual({ refused: true, written: 0 });
  };

  it('the honest export verifies clean under the pinned key (the baseline)', async () => {
    const check = await verifyExportLog(log.file, { publicKeys: [operatorKey] });
    expect(check.findings).toEqual([]);
    expect(check.verification.latest).toMatchObject({ pinned: true });
  });

  it("(a) the edited stream's leaf rewritten, the signed head left alone: not clean, nothing imported", async () => {
    const carried = parts.trailer?.checkpoint as NonNullable<ExportTrailer['checkpoint']>;
    const mine = forgedLeaves(forgedRecords).find((leaf) => leaf.stream === edited.stream);
    const signed = carried.leaves.find((leaf) => leaf.stream === edited.stream);
    // The stream was sealed before the checkpoint: it signed all of it, so the whole new root goes in.
    expect(mine?.size).toBe(signed?.size);
    const leaves = carried.leaves.map((leaf) =>
      leaf.stream === edited.stream
        ? { ...leaf, root: Buffer.from(mine?.root as Uint8Array).toString('hex') }
        : leaf,
    );
    const file = writeForgery('leaf-rewritten.jsonl', { ...carried, leaves });
    // The chains alone pass the file: only the checkpoint can catch it.
    await expectCaughtAndRefused(file);
  });

  it('(b) the leaf and the head (root, tree size, events) recomputed: not clean, nothing imported', async () => {
    const carried = parts.trailer?.checkpoint as NonNullable<ExportTrailer['checkpoint']>;
    const mine = forgedLeaves(forgedRecords).find((leaf) => leaf.stream === edited.stream);
    const leaves = carried.leaves.map((leaf) =>
      leaf.stream === edited.stream
        ? { ...leaf, root: Buffer.from(mine?.root as Uint8Array).toString('hex') }
        : leaf,
    );
    const root = Buffer.from(
      logRoot(
        leaves.map((leaf) => ({
          stream: leaf.stream,
          size: leaf.size,
          root: new Uint8Array(Buffer.from(leaf.root, 'hex')),
        })),
      ),
    ).toString('hex');
    const head = {
      ...carried,
      leaves,
      root,
      treeSize: leaves.length,
      events: leaves.reduce((sum, leaf) => sum + leaf.size, 0),
    };
    const file = writeForgery('head-recomputed.jsonl', head);
    await expectCaughtAndRefused(file);
  });
});
