import type { JsonValue } from '../json.js';
import { canonicalJson } from './canonical-json.js';
import { fromPositional, positionalText } from './positional-record.js';

/**
 * What the writer knows about an event beyond its data. Inside the ciphertext for private
 * streams (a command id in clear would link a series session to its tally), in the clear
 * payload for public ones.
 */
export interface EventMeta {
  readonly commandId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly catalogueId?: string;
  /** The catalogue version the event was checked against. */
  readonly catalogueVersion?: string;
  /** A digest of the command's content, so a command id reused for other content is refused. */
  readonly digest?: string;
}

/** An event's payload before it is sealed: its real type, data and meta. */
export interface InnerRecord {
  readonly type: string;
  readonly data: JsonValue;
  readonly meta: EventMeta;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text of a record's payload: RFC 8785 canonical JSON (stored as UTF-8). */
export function innerJson(record: InnerRecord): string {
  return canonicalJson({ data: record.data, meta: withoutUndefined(record.meta), type: record.type });
}

/** The payload bytes of a record: RFC 8785 canonical JSON, UTF-8. */
export function encodeInner(record: InnerRecord): Uint8Array {
  return encoder.encode(innerJson(record));
}

/**
 * The text sealed for a private event: the positional form where the record has one (a tally
 * sheet's detail, see `positional-record.ts`), else the named form of {@link innerJson}.
 */
export function sealedInnerJson(record: InnerRecord): string {
  return positionalText(record) ?? innerJson(record);
}

/** Reads payload bytes back (either form); `undefined` when they are not a record of this shape. */
export function decodeInner(bytes: Uint8Array): InnerRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  if (Array.isArray(parsed)) {
    const record = fromPositional(parsed);
    return typeof record?.meta.commandId === 'string' ? (record as unknown as InnerRecord) : undefined;
  }
  const { type, data, meta } = parsed as { type?: unknown; data?: unknown; meta?: unknown };
  if (typeof type !== 'string' || data === undefined || typeof meta !== 'object' || meta === null)
    return undefined;
  if (typeof (meta as { commandId?: unknown }).commandId !== 'string') return undefined;
  return { type, data: data as JsonValue, meta: meta as EventMeta };
}

function withoutUndefined(meta: EventMeta): JsonValue {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(meta)) if (value !== undefined) clean[key] = value as string;
  return clean;
}
