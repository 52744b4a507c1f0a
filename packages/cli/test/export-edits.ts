import { readFileSync, writeFileSync } from 'node:fs';
import {
  canonicalJson,
  createChainVerifier,
  createLogState,
  encodeHeader,
  GENESIS_HASH,
  hashEvent,
  type JsonValue,
  logRoot,
  type RecordedEvent,
} from '@pinnstatistik/core';
import type { ExportHeader, ExportRecord, ExportTrailer } from '../src/jsonl/export-format.js';
import { createJsonLinesEventStore } from '../src/jsonl/json-lines-event-store.js';

// What an attacker with an export and a text editor can do: edit events, drop or reorder lines,
// recompute every hash chain after an edit, and rewrite the trailer to match. They cannot sign.

/** An export split into its parts. */
export interface ExportParts {
  header: ExportHeader;
  records: ExportRecord[];
  trailer: ExportTrailer | undefined;
}

/** Reads an export's lines into parts. */
export function readParts(file: string): ExportParts {
  const [first, ...rest] = readFileSync(file, 'utf8').trim().split('\n');
  const parsed = rest.map((line) => JSON.parse(line) as ExportRecord & { format?: string });
  const last = parsed[parsed.length - 1];
  const trailer =
    last?.format === 'pinnstatistik/log-export-end' ? (last as unknown as ExportTrailer) : undefined;
  return {
    header: JSON.parse(first as string) as ExportHeader,
    records: trailer === undefined ? parsed : parsed.slice(0, -1),
    trailer,
  };
}

/** Writes parts back as an export (no trailer when `trailer` is undefined). */
export function writeParts(file: string, parts: ExportParts): void {
  const lines = [parts.header, ...parts.records, ...(parts.trailer === undefined ? [] : [parts.trailer])];
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
}

const bytes = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

/** A record as the store event it stands for. */
export function asEvent(record: ExportRecord, line = 0): RecordedEvent {
  return {
    stream: record.stream,
    revision: record.revision,
    position: String(line),
    id: record.id,
    type: record.type,
    data: bytes(record.data),
    metadata: bytes(record.metadata),
  };
}

/** A public record with its payload changed (data, view and all), before re-chaining. */
export function editPayload(
  record: ExportRecord,
  edit: (payload: { data: Record<string, unknown>; meta: unknown; type: string }) => void,
): ExportRecord {
  const payload = JSON.parse(Buffer.from(record.data, 'base64').toString('utf8'));
  edit(payload);
  const text = canonicalJson(payload as JsonValue);
  return { ...record, data: Buffer.from(text).toString('base64'), view: JSON.parse(text) };
}

/**
 * The attackers' usual forgery: a sealed month's first sheet with 100,000 more contacts (the
 * first `SheetsSealed` of the export, or the last), its period stream re-chained. Gives the
 * records and the edited record as re-chained.
 */
export function withSealedCountRaised(
  records: readonly ExportRecord[],
  which: 'first' | 'last' = 'first',
): { records: ExportRecord[]; edited: ExportRecord } {
  const sealed = records.flatMap((record, at) => (record.type === 'SheetsSealed' ? [at] : []));
  const index = (which === 'first' ? sealed[0] : sealed[sealed.length - 1]) as number;
  const record = records[index] as ExportRecord;
  const raised = editPayload(record, (payload) => {
    const sheets = payload.data.sheets as { tables: { contacts: number } }[];
    (sheets[0] as { tables: { contacts: number } }).tables.contacts += 100_000;
  });
  const changed = rechain(
    records.map((candidate, at) => (at === index ? raised : candidate)),
    record.stream,
  );
  return { records: changed, edited: changed[index] as ExportRecord };
}

/**
 * Recomputes a stream's revisions (in file order) and every chain hash, as an attacker does after
 * editing, removing or reordering its events: the chains verify again.
 */
export function rechain(records: readonly ExportRecord[], stream: string): ExportRecord[] {
  let prev = GENESIS_HASH;
  let revision = 0;
  return records.map((record) => {
    if (record.stream !== stream) return record;
    const metadata = bytes(record.metadata);
    const hash = hashEvent(prev, {
      stream,
      revision,
      id: record.id,
      type: record.type,
      codecId: metadata[1] as number,
      payload: bytes(record.data),
    });
    prev = hash;
    const rechained = {
      ...record,
      revision,
      metadata: Buffer.from(encodeHeader(metadata[1] as number, hash)).toString('base64'),
    };
    revision += 1;
    return rechained;
  });
}

/** The trailer rewritten to add up to the records (the signed checkpoint in it cannot be changed). */
export function recomputedTrailer(parts: ExportParts): ExportTrailer {
  const state = createLogState();
  for (const record of parts.records) state.observe(asEvent(record));
  const leaves = state.leaves();
  return {
    ...(parts.trailer as ExportTrailer),
    events: state.events,
    treeSize: leaves.length,
    root: Buffer.from(logRoot(leaves)).toString('hex'),
  };
}

/** What today's chain-only verification finds in a file: every stream's hash chain, nothing more. */
export async function chainOnlyFindings(file: string): Promise<string[]> {
  const verifier = createChainVerifier();
  const findings: string[] = [];
  for await (const event of createJsonLinesEventStore(file).readAll()) {
    const finding = verifier.check(event);
    if (finding !== undefined) findings.push(`${finding.code} ${finding.stream}@${finding.revision}`);
  }
  return findings;
}
