import type { z } from 'zod';
import {
  fastMarks,
  hasOnlyKeys,
  isIsoDate,
  isPlainObject,
  isUuid,
  optionalIds,
} from '../input/fast-fields.js';
import type { RecordSessionSchema } from './series-commands.js';

type ParsedSession = z.infer<typeof RecordSessionSchema>;

const KEYS = new Set(['type', 'commandId', 'correlationId', 'causationId', 'token', 'date', 'marks']);

/**
 * The common case of `RecordSessionSchema` without zod's machinery (as `fastTallyContact`):
 * exactly what the schema returns, or `undefined` at any doubt. A property test holds the two
 * equal.
 */
export function fastRecordSession(input: unknown): ParsedSession | undefined {
  if (!isPlainObject(input) || input.type !== 'RecordSession' || !hasOnlyKeys(input, KEYS)) return undefined;
  const { commandId, token, date } = input;
  if (!isUuid(commandId) || !isIsoDate(date)) return undefined;
  if (typeof token !== 'string' || token.length < 1 || token.length > 64) return undefined;
  const ids = optionalIds(input);
  const marks = fastMarks(input);
  if (ids === undefined || marks === undefined) return undefined;
  return { type: 'RecordSession', commandId, ...ids, token, date, marks };
}
