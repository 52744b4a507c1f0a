import type { JsonValue } from '../json.js';

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: the bytes hashes are taken over.
 *
 * - Strings are written by `JSON.stringify`, which is exactly RFC 8785's string form (§3.2.2.2);
 *   a lone surrogate is not I-JSON and is refused.
 * - Finite numbers are written by `JSON.stringify`, which is ECMAScript's Number::toString, the
 *   serialisation RFC 8785 adopts (§3.2.2.3; `-0` becomes `0`); NaN and ±Infinity are refused.
 * - Object members are sorted by their names' UTF-16 code units (§3.2.3) — what `Array#sort`
 *   without a comparator does — and written without whitespace.
 * - As in `JSON.stringify`: `toJSON` is honoured, a member whose value is `undefined` (or a
 *   function or symbol) is left out, and such an array element is written as `null`.
 *
 * Throws a `TypeError` for what has no canonical form: a lone surrogate, NaN, ±Infinity, a
 * bigint, a cycle.
 */
export function canonicalJson(value: JsonValue): string {
  const text = serialise(value, []);
  if (text === undefined) throw new TypeError('value cannot be canonicalised as JSON');
  return text;
}

/** What `JSON.stringify` would escape, and every surrogate (a lone one is refused, a pair is written as it is). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const NEEDS_CARE = /[\u0000-\u001f"\\\ud800-\udfff]/;

function serialiseString(value: string): string {
  // Most strings (codes, ids, dates) have nothing to escape: their text is themselves in quotes.
  if (!NEEDS_CARE.test(value)) return `"${value}"`;
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed())
    throw new TypeError('Lone surrogate is not allowed');
  return JSON.stringify(value);
}

// Member names repeat from event to event (the same few dozen): their text is kept, bounded.
const memberNames = new Map<string, string>();
const MEMBER_NAMES_KEPT = 4096;

function serialiseName(name: string): string {
  let text = memberNames.get(name);
  if (text === undefined) {
    text = serialiseString(name);
    if (memberNames.size >= MEMBER_NAMES_KEPT) memberNames.clear();
    memberNames.set(name, text);
  }
  return text;
}

function serialiseNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError('NaN and Infinity are not allowed');
  return JSON.stringify(value);
}

// One pass that builds the text as it goes (no member arrays, no joins); `ancestors` is the
// path from the root, short enough that a list beats a set. Same text and same refusals as
// before, which the property tests hold against an independent implementation.
function serialise(input: unknown, ancestors: object[]): string | undefined {
  let value = input;
  if (typeof value === 'object' && value !== null) {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
      value = (value as { toJSON(): unknown }).toJSON();
    if (value instanceof Number || value instanceof String || value instanceof Boolean)
      value = value.valueOf();
  }
  switch (typeof value) {
    case 'string':
      return serialiseString(value);
    case 'number':
      return serialiseNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('BigInt is not allowed');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const container = value as object;
  if (ancestors.includes(container)) throw new TypeError('Circular reference detected');
  ancestors.push(container);
  try {
    if (Array.isArray(container)) {
      let text = '[';
      for (let index = 0; index < container.length; index += 1) {
        if (index > 0) text += ',';
        // A hole is written as nothing, as `map` and `join` did.
        if (index in container) text += serialise(container[index], ancestors) ?? 'null';
      }
      return `${text}]`;
    }
    const record = container as Readonly<Record<string, unknown>>;
    let text = '{';
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const member = serialise(record[key], ancestors);
      if (member === undefined) continue;
      text += first ? `${serialiseName(key)}:${member}` : `,${serialiseName(key)}:${member}`;
      first = false;
    }
    return `${text}}`;
  } finally {
    ancestors.pop();
  }
}
