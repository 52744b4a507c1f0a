import { isProxy } from 'node:util/types';
import * as E from 'fp-ts/lib/Either.js';
import type { JsonValue } from '../json.js';
import { type FieldLimits, MAX_CHARACTERS, MAX_DEPTH, MAX_ENTRIES, MAX_VALUES } from './input-limits.js';

/** Why input could not be taken as plain data, and where (the raw path; make it safe before showing it). */
export interface SnapshotProblem {
  readonly reason:
    | 'not-plain-data'
    | 'reserved-key'
    | 'too-deep'
    | 'too-long'
    | 'too-many'
    | 'too-large'
    | 'half-a-character';
  readonly path: readonly (string | number)[];
  /** The limit that was passed, for `too-long`, `too-deep`, `too-many` and `too-large`. */
  readonly limit?: number;
}

const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** Keys that reach an object's prototype in careless code: refused, not dropped. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class Refused {
  constructor(readonly problem: SnapshotProblem) {}
}

interface Budget {
  values: number;
  characters: number;
}

function spend(budget: Budget, characters: number, path: readonly (string | number)[]): void {
  budget.values += 1;
  budget.characters += characters;
  if (budget.values > MAX_VALUES) throw new Refused({ reason: 'too-large', path, limit: MAX_VALUES });
  if (budget.characters > MAX_CHARACTERS)
    throw new Refused({ reason: 'too-large', path, limit: MAX_CHARACTERS });
}

const notPlain = (path: readonly (string | number)[]): Refused =>
  new Refused({ reason: 'not-plain-data', path });

function copy(
  value: unknown,
  limits: FieldLimits,
  path: (string | number)[],
  depth: number,
  budget: Budget,
): JsonValue {
  switch (typeof value) {
    case 'string':
      if (value.length > limits.maxString)
        throw new Refused({ reason: 'too-long', path: [...path], limit: limits.maxString });
      // A lone UTF-16 surrogate (text cut in the middle of a character) has no JSON form to
      // store: refused here, not thrown where the event is sealed.
      if (!isWellFormed(value)) throw new Refused({ reason: 'half-a-character', path: [...path] });
      spend(budget, value.length, path);
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw notPlain([...path]);
      spend(budget, 0, path);
      return value;
    case 'boolean':
      spend(budget, 0, path);
      return value;
    case 'object':
      break;
    default:
      throw notPlain([...path]);
  }
  if (value === null) return null;
  // A proxy can answer every read differently: nothing it says is taken.
  if (isProxy(value)) throw notPlain([...path]);
  if (depth >= MAX_DEPTH) throw new Refused({ reason: 'too-deep', path: [...path], limit: MAX_DEPTH });
  spend(budget, 0, path);
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) throw notPlain([...path]);
    if (value.length > MAX_ENTRIES)
      throw new Refused({ reason: 'too-many', path: [...path], limit: MAX_ENTRIES });
    if (Reflect.ownKeys(value).length !== value.length + 1) throw notPlain([...path]); // holes or extra properties
    const items: JsonValue[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const descriptor = Object.getOwnPropertyDescriptor(value, index);
      if (descriptor === undefined || !('value' in descriptor) || !descriptor.enumerable)
        throw notPlain([...path, index]);
      path.push(index);
      items.push(copy(descriptor.value, limits.child(index), path, depth + 1, budget));
      path.pop();
    }
    return items;
  }
  if (prototype !== Object.prototype && prototype !== null) throw notPlain([...path]);
  const keys = Reflect.ownKeys(value);
  if (keys.length > MAX_ENTRIES)
    throw new Refused({ reason: 'too-many', path: [...path], limit: MAX_ENTRIES });
  const copied: Record<string, JsonValue> = {};
  for (const key of keys) {
    if (typeof key === 'symbol') throw notPlain([...path]);
    if (RESERVED_KEYS.has(key)) throw new Refused({ reason: 'reserved-key', path: [...path] });
    if (key.length > limits.maxKey)
      throw new Refused({ reason: 'too-long', path: [...path], limit: limits.maxKey });
    if (!isWellFormed(key)) throw new Refused({ reason: 'half-a-character', path: [...path] });
    // Read the property's own value: a getter is never run, an inherited value never seen.
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !('value' in descriptor) || !descriptor.enumerable)
      throw notPlain([...path, key]);
    if (descriptor.value === undefined) continue; // as JSON has it: an absent optional field
    spend(budget, key.length, path);
    path.push(key);
    copied[key] = copy(descriptor.value, limits.child(key), path, depth + 1, budget);
    path.pop();
  }
  return copied;
}

/**
 * One copy of untrusted input as plain JSON data, made before the guard, the schema or a
 * decider looks at it: every string length-checked against its field's limit first, nesting
 * and size bounded, and anything that is not plain data refused — getters (never run),
 * proxies, symbols, non-enumerable or inherited properties, functions, `NaN`, class
 * instances — as are the keys `__proto__`, `constructor` and `prototype`. What it returns
 * cannot change after the check.
 */
export function snapshotInput(input: unknown, limits: FieldLimits): E.Either<SnapshotProblem, JsonValue> {
  try {
    return E.right(copy(input, limits, [], 0, { values: 0, characters: 0 }));
  } catch (error) {
    if (error instanceof Refused) return E.left(error.problem);
    throw error;
  }
}
