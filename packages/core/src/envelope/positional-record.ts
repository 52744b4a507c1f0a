import type { JsonObject, JsonValue } from '../json.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The sealed form of a tally sheet's detail events: a JSON array of the member values in a fixed
 * order, `[form, present, ...values]`, instead of an object naming each member.
 *
 * Why: every open-year rebuild decrypts and parses every tally, and `JSON.parse` of the named form
 * (≈ 450 characters, three objects, two copies of the tally's id) was the largest part of it.
 * V8 parses an array of values at native speed — a decoder of a binary form written in
 * JavaScript was measured slower than `JSON.parse` (bench/README.md) — and the member names, the
 * tally id repeated as the command id and the catalogue version repeated in the meta are not
 * written at all. Only sealed payloads take this form: public events stay named JSON (auditors
 * read them), and a record this table does not describe exactly is sealed in the named form.
 *
 * `form` numbers the event type (the numbers are stored: never renumber, only add); `present`
 * has one bit per member of the type's list below, in order, then one per meta member, then one
 * per echo (a meta member equal to a data member, written once).
 */
interface RecordForm {
  readonly type: string;
  /** The type's data members, each optional (a bit says which are present). */
  readonly data: readonly string[];
  /**
   * Object literals for the members a record of the type usually has, by their bits: built member
   * by member (a keyed store each), the record took as long to build as to parse.
   */
  readonly usual: Readonly<Record<number, (v: Values, at: number) => Built>>;
}

type Values = readonly JsonValue[];
/** Values at indices read after their count was checked against the array's length. */
type Built = Record<string, JsonValue | undefined>;

const FORMS: readonly (RecordForm | undefined)[] = [
  undefined, // 0 is never a form: a mistaken zero is refused
  {
    type: 'ContactTallied',
    data: ['catalogueVersion', 'interventionId', 'marks', 'period', 'session', 'tallyId', 'unitId'],
    usual: {
      111: (v, i) => ({
        catalogueVersion: v[i],
        interventionId: v[i + 1],
        marks: v[i + 2],
        period: v[i + 3],
        tallyId: v[i + 4],
        unitId: v[i + 5],
      }),
      127: (v, i) => ({
        catalogueVersion: v[i],
        interventionId: v[i + 1],
        marks: v[i + 2],
        period: v[i + 3],
        session: v[i + 4],
        tallyId: v[i + 5],
        unitId: v[i + 6],
      }),
    },
  },
  {
    type: 'GroupMeetingTallied',
    data: ['catalogueVersion', 'interventionId', 'participants', 'period', 'tallyId', 'unitId'],
    usual: {
      63: (v, i) => ({
        catalogueVersion: v[i],
        interventionId: v[i + 1],
        participants: v[i + 2],
        period: v[i + 3],
        tallyId: v[i + 4],
        unitId: v[i + 5],
      }),
    },
  },
  {
    type: 'VisitorsTallied',
    data: ['catalogueVersion', 'interventionId', 'period', 'tallyId', 'unitId', 'visitors'],
    usual: {
      63: (v, i) => ({
        catalogueVersion: v[i],
        interventionId: v[i + 1],
        period: v[i + 2],
        tallyId: v[i + 3],
        unitId: v[i + 4],
        visitors: v[i + 5],
      }),
    },
  },
  {
    type: 'TallyVoided',
    data: ['catalogueVersion', 'interventionId', 'period', 'reason', 'tallyId', 'unitId', 'voided'],
    usual: {
      127: (v, i) => ({
        catalogueVersion: v[i],
        interventionId: v[i + 1],
        period: v[i + 2],
        reason: v[i + 3],
        tallyId: v[i + 4],
        unitId: v[i + 5],
        voided: v[i + 6],
      }),
    },
  },
  {
    type: 'SeriesEnded',
    data: ['contacts', 'interventionId', 'period', 'series', 'unitId'],
    usual: {
      23: (v, i) => ({ contacts: v[i], interventionId: v[i + 1], period: v[i + 2], unitId: v[i + 3] }),
      31: (v, i) => ({
        contacts: v[i],
        interventionId: v[i + 1],
        period: v[i + 2],
        series: v[i + 3],
        unitId: v[i + 4],
      }),
    },
  },
  {
    type: 'SeriesEndMarked',
    data: ['interventionId', 'period', 'series', 'unitId'],
    usual: {
      15: (v, i) => ({ interventionId: v[i], period: v[i + 1], series: v[i + 2], unitId: v[i + 3] }),
    },
  },
  {
    type: 'SheetClosed',
    data: ['interventionId', 'period', 'unitId'],
    usual: { 7: (v, i) => ({ interventionId: v[i], period: v[i + 1], unitId: v[i + 2] }) },
  },
];

const META = [
  'catalogueId',
  'catalogueVersion',
  'causationId',
  'commandId',
  'correlationId',
  'digest',
] as const;

/** Meta members written once when equal to a data member: the tally's id is its command's id. */
const ECHOES = [
  { meta: 'commandId', data: 'tallyId' },
  { meta: 'catalogueVersion', data: 'catalogueVersion' },
] as const;

/** For each meta member, the data member it may echo (or `undefined`), and that echo's bit offset. */
const ECHO_OF_META = META.map((key) => {
  const echo = ECHOES.findIndex((candidate) => candidate.meta === key);
  return echo < 0 ? undefined : { data: (ECHOES[echo] as (typeof ECHOES)[number]).data, offset: echo };
});

/** Meta bits (then echo bits) of a tally command's meta: version and id echoed, digest written. */
const TALLY_META = 0b11_101010;
/** Meta bits of a service event's meta: its command id alone. */
const SERVICE_META = 0b00_001000;

const FORM_OF_TYPE = new Map(
  FORMS.flatMap((form, index) => (form === undefined ? [] : [[form.type, index]])),
);

/** What the positional form decodes to (the same as the named form's record). */
export interface PositionalRecord {
  readonly type: string;
  readonly data: JsonValue;
  readonly meta: Readonly<Record<string, string>>;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The positional text of a record, or `undefined` when its type has no form or a member is not
 * one the form lists (it is then sealed in the named form).
 */
export function positionalText(record: {
  readonly type: string;
  readonly data: JsonValue;
  readonly meta: object;
}): string | undefined {
  const formIndex = FORM_OF_TYPE.get(record.type);
  if (formIndex === undefined || !isPlainObject(record.data)) return undefined;
  const form = FORMS[formIndex] as RecordForm;
  const data = record.data;
  const meta = record.meta as Readonly<Record<string, unknown>>;
  let listed = 0;
  for (const key in data) if (data[key] !== undefined) listed += 1;
  for (const key in meta) if (meta[key] !== undefined) listed += 1;
  let present = 0;
  let bit = 1;
  let found = 0;
  let text = '';
  for (const key of form.data) {
    const value = data[key];
    if (value !== undefined) {
      present |= bit;
      found += 1;
      text += `,${canonicalJson(value)}`;
    }
    bit <<= 1;
  }
  let echoes = 0;
  for (let index = 0; index < META.length; index += 1) {
    const value = meta[META[index] as string];
    if (value !== undefined) {
      if (typeof value !== 'string') return undefined;
      present |= bit;
      found += 1;
      const echo = ECHO_OF_META[index];
      if (echo !== undefined && data[echo.data] === value) echoes |= 1 << echo.offset;
      else text += `,${canonicalJson(value)}`;
    }
    bit <<= 1;
  }
  present += echoes * bit;
  // A member the form does not list would be lost: such a record keeps the named form.
  if (found !== listed) return undefined;
  return `[${formIndex},${present}${text}]`;
}

/** Reads a positional record back; `undefined` when it is not one this table describes exactly. */
export function fromPositional(values: readonly unknown[]): PositionalRecord | undefined {
  const formIndex = values[0];
  const present = values[1];
  if (typeof formIndex !== 'number' || typeof present !== 'number') return undefined;
  const form = FORMS[formIndex];
  if (form === undefined || !Number.isInteger(present) || present < 0) return undefined;
  const dataCount = form.data.length;
  if (present >= 2 ** (dataCount + META.length + ECHOES.length)) return undefined;
  const dataBits = present & ((1 << dataCount) - 1);
  let next = 2;
  for (let index = 0; index < dataCount; index += 1) if ((dataBits & (1 << index)) !== 0) next += 1;
  if (next > values.length) return undefined;
  const usual = form.usual[dataBits];
  const data = usual === undefined ? {} : usual(values as Values, 2);
  if (usual === undefined)
    for (let index = 0, at = 2; index < dataCount; index += 1)
      if ((dataBits & (1 << index)) !== 0) data[form.data[index] as string] = values[at++] as JsonValue;
  const metaBits = present >>> dataCount;
  // The two meta a detail event usually has, as literals (see `usual`): a tally command's
  // version, id (both echoed) and digest; a service event's command id alone.
  if (metaBits === TALLY_META && next + 1 === values.length) {
    const { catalogueVersion, tallyId } = data;
    const digest = values[next];
    if (typeof catalogueVersion !== 'string' || typeof tallyId !== 'string' || typeof digest !== 'string')
      return undefined;
    const meta = { catalogueVersion, commandId: tallyId, digest };
    return { type: form.type, data: data as JsonValue, meta };
  }
  if (metaBits === SERVICE_META && next + 1 === values.length) {
    const commandId = values[next];
    if (typeof commandId !== 'string') return undefined;
    return { type: form.type, data: data as JsonValue, meta: { commandId } };
  }
  const meta: Record<string, string> = {};
  const echoBase = dataCount + META.length;
  for (let index = 0; index < META.length; index += 1) {
    const echo = ECHO_OF_META[index];
    const echoed = echo !== undefined && (present & (1 << (echoBase + echo.offset))) !== 0;
    if ((present & (1 << (dataCount + index))) === 0) {
      if (echoed) return undefined; // an echo of a member that is not there
      continue;
    }
    const value = echoed ? data[(echo as { data: string }).data] : values[next++];
    if (typeof value !== 'string') return undefined;
    meta[META[index] as string] = value;
  }
  // Every value read, none left over.
  if (next !== values.length) return undefined;
  return { type: form.type, data: data as JsonValue, meta };
}
