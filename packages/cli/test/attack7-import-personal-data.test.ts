/*
 * ATTACK 7 — a personnummer stored in clear through `pinnstatistik import`, past the guard, with
 * the auditor's key and saved checkpoint pinned.
 *
 * Attacker: anyone who handles the export file (a text editor, no keys, cannot sign).
 *
 * Claims attacked: (1) no personnummer, phone number or e-mail address can be stored in ANY free
 * text the library accepts, at any entry point — the command service AND the CLI import;
 * (3) an export whose history was edited does not verify clean and is refused on import.
 *
 * The break: the import never runs the personal-data guard — it writes whatever verifies. And
 * what verifies includes any event APPENDED after the signed checkpoint (an append-only
 * extension of a signed stream is what a later log looks like; only its hash chain vouches for
 * it). The attacker appends to the clear catalogue stream a second `CatalogueAdopted` (the same
 * catalogue as version "1.2", one intervention renamed "Rådgivning 811218-9876"), chains it to
 * the signed head, and rewrites the trailer. `verify --trust --public-key` finds nothing (the
 * bin, with --keys too: "Verdict: CLEAN", exit 0); the import writes it; the restored store holds the personnummer in clear, in the catalogue every
 * report names its interventions from. `adoptCatalogue` through the command service refuses the
 * very same catalogue with PERSONAL_DATA_DETECTED.
 *
 * Secure behaviour expected: the import refuses the file (the guard reads the public events it
 * writes, as the command service reads its input), and writes nothing. It failed before
 * this round's fix.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCommandService,
  fixedClock,
  type JsonValue,
  publicKeyFromPem,
  readHeader,
  sealEvent,
} from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../src/jsonl/export-format.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { asEvent, readParts, recomputedTrailer, writeParts } from './export-edits.js';
import { importAttempt } from './import-attempt.js';
import { type YearLog, yearLog } from './year-log.js';

const PNR = '811218-9876';
let dir: string;
let log: YearLog;
let publicKey: Uint8Array;
let forged: string;
let catalogueWithNumber: Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack7-pnr-'));
  log = await yearLog(dir, { volume: 0.2 });
  publicKey = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
  const parts = readParts(log.file);
  const own = parts.records.filter((record) => record.stream === 'catalogue-vaggeryd');
  const head = own[own.length - 1] as ExportRecord;
  const adopted = JSON.parse(Buffer.from(head.data, 'base64').toString('utf8')) as {
    type: string;
    data: { catalogue: Record<string, unknown> & { interventions: Record<string, unknown>[] } };
    meta: Record<string, unknown>;
  };
  const { catalogue } = adopted.data;
  const [first, ...rest] = catalogue.interventions;
  catalogueWithNumber = {
    ...catalogue,
    version: '1.2',
    ...('effectiveFrom' in catalogue ? { effectiveFrom: '2026-01-16' } : {}),
    interventions: [{ ...first, name: { sv: `Rådgivning ${PNR}`, en: 'Counselling' } }, ...rest],
  };
  const commandId = '0a0b0c0d-0007-4000-8000-000000000001';
  const sealed = sealEvent(
    'catalogue-vaggeryd',
    head.revision + 1,
    readHeader(asEvent(head).metadata)?.hash as Uint8Array,
    {
      id: '0a0b0c0d-0007-4000-8000-000000000002',
      type: adopted.type,
      data: { ...adopted.data, catalogue: catalogueWithNumber } as unknown as JsonValue,
      meta: { ...adopted.meta, commandId } as never,
    },
  );
  const payload = Buffer.from(sealed.event.data);
  const appended: ExportRecord = {
    stream: 'catalogue-vaggeryd',
    revision: head.revision + 1,
    position: '0',
    id: sealed.event.id,
    type: sealed.event.type,
    data: payload.toString('base64'),
    metadata: Buffer.from(sealed.event.metadata).toString('base64'),
    view: JSON.parse(payload.toString('utf8')),
  };
  const records = [...parts.records, appended];
  forged = join(dir, 'with-pnr.jsonl');
  writeParts(forged, { ...parts, records, trailer: recomputedTrailer({ ...parts, records }) });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 7: a personnummer through the CLI import', () => {
  it('the command service refuses the same catalogue (the baseline)', async () => {
    const service = createCommandService({
      store: createMemoryEventStore(),
      keys: createMemoryKeyStore(),
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-01-15T09:00:00Z'),
    });
    const result = await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: crypto.randomUUID(),
      catalogue: catalogueWithNumber as never,
    });
    expect(result._tag === 'Left' ? result.left.code : 'ADOPTED').toBe('PERSONAL_DATA_DETECTED');
  });

  it('the import refuses the file and no personnummer reaches the restored store', async () => {
    const check = await verifyExportLog(forged, { trusted: [log.checkpoint], publicKeys: [publicKey] });
    const { refused, written } = await importAttempt(forged, {
      trusted: [log.checkpoint],
      publicKeys: [publicKey],
      pinned: true,
    });
    const clear = written.map((event) => Buffer.from(event.data).toString('utf8')).join('');
    expect(
      { refused, storedInClear: clear.includes(PNR) },
      `verify --trust --public-key findings: ${JSON.stringify(check.findings.map((finding) => finding.code))}`,
    ).toEqual({ refused: true, storedInClear: false });
  });
});
