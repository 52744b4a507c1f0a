import { z } from 'zod';
import { MAX_MARK_ENTRIES, type MarkValue, type TallyContact } from './commands.js';

const UUID = z.regexes.uuid();
const DATE = z.regexes.date;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DIMENSION_KEY = /^[a-z][a-zA-Z0-9]*$/;
const KEYS = new Set([
  'type',
  'commandId',
  'correlationId',
  'causationId',
  'interventionId',
  'unitId',
  'date',
  'marks',
]);

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isSlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 64 && SLUG.test(value);
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

/**
 * The common case of `TallyContactSchema` without zod's machinery: a plain object with only
 * the schema's keys, every one of them well-formed, parsed to exactly what the schema returns.
 * Anything else — any doubt at all — answers `undefined`, and the schema itself decides (and
 * explains its refusal). A property test holds the two equal.
 */
export function fastTallyContact(input: unknown): TallyContact | undefined {
  if (!isPlainObject(input) || input.type !== 'TallyContact') return undefined;
  for (const key in input)
    if (!Object.hasOwn(input, key) || !KEYS.has(key) || input[key] === undefined) return undefined;
  const { commandId, correlationId, causationId, interventionId, unitId, date, marks } = input;
  if (!isUuid(commandId) || !isSlug(interventionId) || !isSlug(unitId)) return undefined;
  if (typeof date !== 'string' || !DATE.test(date)) return undefined;
  if ('correlationId' in input && !isUuid(correlationId)) return undefined;
  if ('causationId' in input && !isUuid(causationId)) return undefined;
  const parsedMarks: Record<string, MarkValue> = {};
  if ('marks' in input) {
    if (!isPlainObject(marks)) return undefined;
    for (const key in marks) {
      if (!Object.hasOwn(marks, key) || key.length > 40 || !DIMENSION_KEY.test(key)) return undefined;
      const value = marks[key];
      if (isScalarMark(value)) parsedMarks[key] = value;
      else if (isListMark(value)) parsedMarks[key] = [...value];
      else return undefined;
    }
  }
  return {
    type: 'TallyContact',
    commandId,
    ...(correlationId === undefined ? {} : { correlationId: correlationId as string }),
    ...(causationId === undefined ? {} : { causationId: causationId as string }),
    interventionId,
    unitId,
    date,
    marks: parsedMarks,
  };
}
