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
  const text = serialise(value, new Set());
  if (text === undefined) throw new TypeError('value cannot be canonicalised as JSON');
  return text;
}

function serialiseString(value: string): string {
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed())
    throw new TypeError('Lone surrogate is not allowed');
  return JSON.stringify(value);
}

function serialiseNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError('NaN and Infinity are not allowed');
  return JSON.stringify(value);
}

/** The canonical text of a value, or `undefined` for one JSON has no text for (left out or `null`). */
function serialise(input: unknown, ancestors: Set<object>): string | undefined {
  let value = input;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    value = (value as { toJSON(): unknown }).toJSON();
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
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
  if (ancestors.has(container)) throw new TypeError('Circular reference detected');
  ancestors.add(container);
  try {
    if (Array.isArray(container)) {
      return `[${container.map((element: unknown) => serialise(element, ancestors) ?? 'null').join(',')}]`;
    }
    const record = container as Readonly<Record<string, unknown>>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = serialise(record[key], ancestors);
      if (member !== undefined) members.push(`${serialiseString(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(container);
  }
}
