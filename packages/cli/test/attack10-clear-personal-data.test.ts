/*
 * ATTACK 10 — a personnummer stored in clear through `pinnstatistik import`, in a clear event of
 * a stream that is not a catalogue stream.
 *
 * Attacker: anyone who handles the export file (a text editor, no keys, cannot sign).
 *
 * The guard (clear-text-guard.ts) reads only `catalogue-*` streams. Events after the latest
 * signed checkpoint are vouched for by their chains alone, so the attacker appends ONE clear
 * event — chained to its stream's head (or a new stream at revision 0) — to a stream that is not
 * a catalogue (series-index, a period stream, the releases stream, log-keys, a tally sheet, a
 * brand-new stream), or puts the number in the event's metadata/commandId, and rewrites the
 * trailer. `verify --trust --public-key` finds nothing, the import writes it, and the restored
 * store holds the personnummer in clear.
 *
 * Secure behaviour expected: verify reports it (PERSONAL_DATA_IN_CLEAR or any finding) and the
 * import refuses the file, writing nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, type JsonValue, publicKeyFromPem, readHeader, sealEvent } from '@pinnstatistik/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../src/jsonl/export-format.js';
import { verifyExportLog } from '../src/jsonl/verify-export-log.js';
import { asEvent, type ExportParts, readParts, recomputedTrailer, writeParts } from './export-edits.js';
import { importAttempt } from './import-attempt.js';
import { type YearLog, yearLog } from './year-log.js';

const PNR = '811218-9876';
let dir: string;
let log: YearLog;
let publicKey: Uint8Array;
let parts: ExportParts;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack10-pnr-'));
  log = await yearLog(dir, { volume: 0.1 });
  publicKey = publicKeyFromPem(readFileSync(log.publicKey, 'utf8')) as Uint8Array;
  parts = readParts(log.file);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Appends one clear event to `stream` (chained to its head), and rewrites the trailer. */
function appendClear(
  name: string,
  stream: string,
  type: string,
  data: JsonValue,
  options: { id?: string; meta?: Record<string, unknown>; codec?: 'aes-256-gcm' } = {},
): string {
  const own = parts.records.filter((record) => record.stream === stream);
  const head = own[own.length - 1];
  const prev = head === undefined ? GENESIS_HASH : (readHeader(asEvent(head).metadata)?.hash as Uint8Array);
  const revision = head === undefined ? 0 : head.revision + 1;
  const sealed = sealEvent(
    stream,
    revision,
    prev,
    {
      id: options.id ?? '0a0b0c0d-0010-4000-8000-000000000002',
      type,
      data,
      meta: (options.meta ?? { commandId: '0a0b0c0d-0010-4000-8000-000000000001' }) as never,
    },
    options.codec === undefined
      ? undefined
      : ({
          // Labelled as sealed, but the "cipher" is the identity: the payload stays readable JSON.
          sealer: { algorithm: options.codec, seal: (bytes: Uint8Array) => bytes } as never,
          paddedSize: (length: number) => length + 4,
        } as never),
  );
  const payload = Buffer.from(sealed.event.data);
  const appended: ExportRecord = {
    stream,
    revision,
    position: '0',
    id: sealed.event.id,
    type: sealed.event.type,
    data: payload.toString('base64'),
    metadata: Buffer.from(sealed.event.metadata).toString('base64'),
    ...(options.codec === undefined ? { view: JSON.parse(payload.toString('utf8')) } : {}),
  };
  const records = [...parts.records, appended];
  const file = join(dir, `${name}.jsonl`);
  writeParts(file, { ...parts, records, trailer: recomputedTrailer({ ...parts, records }) });
  return file;
}

async function attempt(file: string) {
  const check = await verifyExportLog(file, { trusted: [log.checkpoint], publicKeys: [publicKey] });
  const { refused, written } = await importAttempt(file, {
    trusted: [log.checkpoint],
    publicKeys: [publicKey],
    pinned: true,
  });
  let clear = '';
  for (const event of written)
    clear += `${event.stream} ${event.id} ${event.type} ${Buffer.from(event.data).toString('utf8')} ${Buffer.from(event.metadata).toString('utf8')}\n`;
  return {
    check: check.findings.map((finding) => finding.code),
    refused,
    storedInClear: clear.includes(PNR),
  };
}

const lastOf = (prefix: string): string => {
  const streams = parts.records.filter((record) => record.stream.startsWith(prefix)).map((r) => r.stream);
  return streams[streams.length - 1] as string;
};

describe('attack 10: a personnummer in a clear event that is not a catalogue event', () => {
  const cases: [string, () => string][] = [
    [
      'series-index',
      () => appendClear('series-index', 'series-index', 'SeriesNoted', { note: `Klient ${PNR}` }),
    ],
    [
      'a period stream',
      () => appendClear('period', lastOf('period-'), 'PeriodNoted', { reason: `Rättelse ${PNR}` }),
    ],
    [
      'the releases stream',
      () => appendClear('releases', 'releases', 'ReportPublished', { options: { title: `Rapport ${PNR}` } }),
    ],
    ['log-keys', () => appendClear('log-keys', 'log-keys', 'LogKeyNoted', { note: `Nyckel ${PNR}` })],
    ['a new stream', () => appendClear('new', 'notes', 'Note', { text: `Besök av ${PNR}` })],
    [
      'a tally sheet, in clear',
      () => appendClear('tally', lastOf('tally-'), 'VisitorsTallied', { note: `Besök av ${PNR}` }),
    ],
    [
      'metadata of a clear event',
      () =>
        appendClear(
          'meta',
          'series-index',
          'SeriesNoted',
          {},
          { meta: { commandId: '0a0b0c0d-0010-4000-8000-000000000001', note: PNR } },
        ),
    ],
    [
      "a catalogue event's meta",
      () =>
        appendClear(
          'cat-meta',
          'catalogue-vaggeryd',
          'CatalogueNoted',
          {},
          { meta: { commandId: '0a0b0c0d-0010-4000-8000-000000000001', note: PNR } },
        ),
    ],
    [
      'a catalogue event labelled as encrypted',
      () =>
        appendClear(
          'cat-codec',
          'catalogue-vaggeryd',
          'CatalogueAdopted',
          { catalogue: { name: { sv: `Rådgivning ${PNR}` } } },
          { codec: 'aes-256-gcm' },
        ),
    ],
    ['the stream name', () => appendClear('stream-name', `notes-${PNR}`, 'Note', {})],
  ];
  it.each(cases)('refuses a personnummer in %s', async (_, forge) => {
    const result = await attempt(forge());
    expect(
      { refused: result.refused, storedInClear: result.storedInClear },
      `verify findings: ${JSON.stringify(result.check)}`,
    ).toEqual({
      refused: true,
      storedInClear: false,
    });
  });
});
