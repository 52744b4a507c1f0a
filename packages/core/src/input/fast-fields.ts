import { z } from 'zod';
import { MAX_MARK_ENTRIES, type MarkValue } from '../tally/commands.js';

// Checks the fast paths of the commonest commands share: each says exactly what the schema's
// own check accepts, or less (then the schema decides, and explains its refusal).

const UUID = z.regexes.uuid();
const DATE = z.regexes.date;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DIMENSION_KEY = /^[a-z][a-zA-Z0-9]*$/;

/** An object made by a literal (or with no prototype): no class instance, no array. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Whether every own key of `input` is one of `keys` with a defined value, and none is inherited. */
export function hasOnlyKeys(input: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in input)
    if (!Object.hasOwn(input, key) || !keys.has(key) || input[key] === undefined) return false;
  return true;
}

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
export const isSlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 64 && SLUG.test(value);
export const isIsoDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value);

/** The command envelope's optional ids, when present and well-formed; `undefined` when one is not. */
export function optionalIds(
  input: Record<string, unknown>,
): { correlationId?: string; causationId?: string } | undefined {
  const { correlationId, causationId } = input;
  if ('correlationId' in input && !isUuid(correlationId)) return undefined;
  if ('causationId' in input && !isUuid(causationId)) return undefined;
  return {
    ...(correlationId === undefined ? {} : { correlationId: correlationId as string }),
    ...(causationId === undefined ? {} : { causationId: causationId as string }),
  };
}

const isScalarMark = (value: unknown): value is string | number =>
  typeof value === 'string'
    ? value.length >= 1 && value.length <= 40
    : typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 130;
const isListMark = (value: unknown): value is (string | number)[] =>
  Array.isArray(value) &&
  Object.getPrototypeOf(value) === Array.prototype &&
  value.length <= MAX_MARK_ENTRIES &&
  // A sparse array or one with extra own properties is left to the schema.
  Object.keys(value).length === value.length &&
  value.every(isScalarMark);

/** `marks` as the schema parses them (absent: none), or `undefined` at any doubt. */
export function fastMarks(input: Record<string, unknown>): Record<string, MarkValue> | undefined {
  const parsed: Record<string, MarkValue> = {};
  if (!('marks' in input)) return parsed;
  const { marks } = input;
  if (!isPlainObject(marks)) return undefined;
  for (const key in marks) {
    if (!Object.hasOwn(marks, key) || key.length > 40 || !DIMENSION_KEY.test(key)) return undefined;
    const value = marks[key];
    if (isScalarMark(value)) parsed[key] = value;
    else if (isListMark(value)) parsed[key] = [...value];
    else return undefined;
  }
  return parsed;
}
