import {
  fastMarks,
  hasOnlyKeys,
  isIsoDate,
  isPlainObject,
  isSlug,
  isUuid,
  optionalIds,
} from '../input/fast-fields.js';
import type { TallyContact } from './commands.js';

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

/**
 * The common case of `TallyContactSchema` without zod's machinery: a plain object with only
 * the schema's keys, every one of them well-formed, parsed to exactly what the schema returns.
 * Anything else — any doubt at all — answers `undefined`, and the schema itself decides (and
 * explains its refusal). A property test holds the two equal.
 */
export function fastTallyContact(input: unknown): TallyContact | undefined {
  if (!isPlainObject(input) || input.type !== 'TallyContact' || !hasOnlyKeys(input, KEYS)) return undefined;
  const { commandId, interventionId, unitId, date } = input;
  if (!isUuid(commandId) || !isSlug(interventionId) || !isSlug(unitId) || !isIsoDate(date)) return undefined;
  const ids = optionalIds(input);
  const marks = fastMarks(input);
  if (ids === undefined || marks === undefined) return undefined;
  return { type: 'TallyContact', commandId, ...ids, interventionId, unitId, date, marks };
}
