import type { JsonObject, JsonValue } from '../json.js';
import { canonicalJson } from './canonical-json.js';

/**
 * What goes into an event's hash, as RFC 8785 text: `{"data":…,"id":…,"metadata":…,
 * "revision":…,"stream":…,"type":…}` (keys in code-unit order), with `metadata` minus the
 * `hash` field.
 *
 * A serialiser specialised to the envelope's fixed shape, so hashing an event does not pay a
 * generic canonicaliser's key sorts and recursion for every field. Strings are serialised by
 * `JSON.stringify`, which is exactly RFC 8785's string form, and so are finite numbers (the
 * ECMAScript number serialisation RFC 8785 adopts); flat metadata of strings and numbers is
 * written in sorted key order; anything else — object data, nested metadata — goes through the
 * generic canonicaliser. A property test holds it equal to `canonicalJson` of the same object.
 */
export function canonicalEnvelope(
  stream: string,
  revision: number,
  id: string,
  type: string,
  data: JsonValue,
  metadata: JsonObject,
): string {
  return `{"data":${typeof data === 'string' ? canonicalString(data) : canonicalJson(data)},"id":${canonicalString(id)},"metadata":${canonicalMetadata(metadata)},"revision":${canonicalNumber(revision)},"stream":${canonicalString(stream)},"type":${canonicalString(type)}}`;
}

function canonicalString(value: string): string {
  // RFC 8785 refuses lone surrogates, as the generic canonicaliser does.
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed())
    throw new TypeError('Lone surrogate is not allowed');
  return JSON.stringify(value);
}

function canonicalNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError('NaN and Infinity are not allowed');
  return JSON.stringify(value);
}

/** The metadata object without its `hash` field, in RFC 8785 form. */
function canonicalMetadata(metadata: JsonObject): string {
  const keys: string[] = [];
  for (const key in metadata) {
    if (!Object.hasOwn(metadata, key) || key === 'hash') continue;
    const value = metadata[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) {
      // Not flat: leave it to the generic canonicaliser.
      const { hash: _hash, ...rest } = metadata;
      return canonicalJson(rest);
    }
    keys.push(key);
  }
  keys.sort();
  let text = '{';
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    if (index > 0) text += ',';
    const value = metadata[key] as string | number;
    text += `${canonicalString(key)}:${typeof value === 'string' ? canonicalString(value) : JSON.stringify(value)}`;
  }
  return `${text}}`;
}
