import { type CodecName, codecNameOf } from './codec-ids.js';

/** The envelope format this version writes (and the only one it reads). */
export const ENVELOPE_VERSION = 2;

/** Bytes of an event's clear header: format version, codec, SHA-256 chain hash. */
export const HEADER_BYTES = 34;

/** What every stored event carries in clear beside its payload. */
export interface EnvelopeHeader {
  readonly codec: CodecName;
  /** SHA-256 over the previous event's hash and this event's stream, revision, id, type, codec and payload. */
  readonly hash: Uint8Array;
}

/** The header bytes of an event. */
export function encodeHeader(codecId: number, hash: Uint8Array): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  header[0] = ENVELOPE_VERSION;
  header[1] = codecId;
  header.set(hash, 2);
  return header;
}

/** The codec a header names, without its hash (no view made); `undefined` as for {@link readHeader}. */
export function readCodec(metadata: Uint8Array): CodecName | undefined {
  if (metadata.length !== HEADER_BYTES || metadata[0] !== ENVELOPE_VERSION) return undefined;
  return codecNameOf(metadata[1] as number);
}

/** Reads a header; `undefined` when the bytes are not a header of this format. */
export function readHeader(metadata: Uint8Array): EnvelopeHeader | undefined {
  const codec = readCodec(metadata);
  if (codec === undefined) return undefined;
  return { codec, hash: metadata.subarray(2, HEADER_BYTES) };
}
