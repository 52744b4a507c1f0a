import type { JsonValue } from '../json.js';

/** Which event an encoded payload belongs to: bound into authenticated encryption as associated data. */
export interface CodecContext {
  readonly stream: string;
  readonly eventId: string;
  readonly type: string;
}

/**
 * How an event's data is stored: the hook where encryption plugs in. The envelope names the
 * codec, and the hash chain covers the encoded form, so chains verify without any key.
 */
export interface EventCodec {
  readonly name: string;
  encode(data: JsonValue, context: CodecContext): JsonValue;
  decode(stored: JsonValue, context: CodecContext): JsonValue;
}

/** Stores data as it is. */
export const plainCodec: EventCodec = {
  name: 'plain',
  encode: (data) => data,
  decode: (stored) => stored,
};
