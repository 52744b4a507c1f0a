import { findPersonalData } from '@pinnstatistik/core';
import { streamKindOf } from './stream-kind.js';

/** Hex the library writes: key ids and key checks (16), keyed names (32), hashes (64), signatures (128). */
const HEX_DIGEST = /^(?:[0-9a-f]{16}|[0-9a-f]{32}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
/** Hex the library writes has a letter somewhere (all 16 digits: one in two thousand): all digits is read. */
const HEX_LETTER = /[a-f]/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** The byte lengths of what the library writes as base64: a nonce or salt, a key or digest, a signature. */
const BLOB_BYTES: ReadonlySet<number> = new Set([16, 24, 32, 48, 64]);
const ISO_DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?)?$/;
/** Digits in a row, with the dash or plus a personnummer is written with: what is still read inside a blob. */
const DIGIT_RUN = /\d[\d+-]{8,}\d/g;

/** Whether a text is base64 (or base64url) of a length the library writes, read back exactly as written. */
function isBlob(text: string): boolean {
  const url = BASE64URL.test(text);
  if (!url && !BASE64.test(text)) return false;
  const bytes = Buffer.from(text, url ? 'base64url' : 'base64');
  if (!BLOB_BYTES.has(bytes.length)) return false;
  const again = bytes.toString(url ? 'base64url' : 'base64');
  return again === text || again.replace(/=+$/, '') === text;
}

/**
 * Whether a clear string is one of the machine formats the library itself writes — a hex hash
 * or keyed name, a base64 key, signature or digest, an ISO date, time or period, a stream name of
 * a kind it writes (the name's own free text still clean) — which the personal-data guard was
 * never meant to read: a hash's digits look like a phone number. UUIDs are not skipped (core's
 * guard reads them as they are written). A blob is skipped only when no run of digits in it
 * reads as personal data, so a personnummer cannot hide in one.
 */
export function isMachineFormat(text: string): boolean {
  if (HEX_DIGEST.test(text) && HEX_LETTER.test(text)) return true;
  if (ISO_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text.length === 7 ? `${text}-01` : text)))
    return true;
  const kind = streamKindOf(text);
  if (kind !== undefined) return kind.chosen === '' || findPersonalData(kind.chosen) === undefined;
  if (!isBlob(text)) return false;
  return (text.match(DIGIT_RUN) ?? []).every((run) => findPersonalData(run) === undefined);
}

/** Where the library joins parts of a string it writes: command ids (`\u0000`), table keys (`|`). */
const JOINS: ReadonlySet<string> = new Set(['\u0000', '|']);

/** A string's parts and the joins between them, in order. */
function splitAtJoins(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (!JOINS.has(char)) continue;
    pieces.push(text.slice(start, index), char);
    start = index + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * A clear string as the guard reads it: `null` for a machine format, and a string the library
 * joins from parts (`seal\u0000{period}\u0000tables\u0000{n}`, `closed\u0000{stream}`, a table
 * key `visitors|2025-01|…`) with its machine-format parts emptied, so what is left — words and
 * any digits, still joined as they were — is still read.
 */
export function readableText(text: string): string | null {
  if (isMachineFormat(text)) return null;
  const pieces = splitAtJoins(text);
  if (pieces.length === 1) return text;
  return pieces.map((piece) => (!JOINS.has(piece) && isMachineFormat(piece) ? '' : piece)).join('');
}
