import canonicalize from 'canonicalize';
import type { JsonValue } from '../json.js';

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: the bytes hashes are taken over. */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised as JSON');
  return text;
}
