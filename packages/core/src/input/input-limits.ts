import type { z } from 'zod';
import { defOf, innerSchemas, maxLengthOf, type SchemaDef } from './zod-def.js';

/** The longest string a field without a stated maximum may hold: ids, codes, dates, tokens. */
export const DEFAULT_STRING_LIMIT = 64;
/** The longest string inside a free document (a catalogue's texts). */
export const DOCUMENT_STRING_LIMIT = 2_000;
/** How deep input may nest (a command holding a catalogue is 8 deep). */
export const MAX_DEPTH = 12;
/** The most entries an object or an array may have. */
export const MAX_ENTRIES = 1_000;
/** The most values (and keys) one input may hold, all levels together. */
export const MAX_VALUES = 50_000;
/** The most characters one input may hold in its strings and keys, all together. */
export const MAX_CHARACTERS = 1_000_000;

/** The length limits of one place in an input: its strings, its keys, and the places below it. */
export interface FieldLimits {
  readonly maxString: number;
  readonly maxKey: number;
  child(key: string | number): FieldLimits;
}

class Limits implements FieldLimits {
  maxString = DEFAULT_STRING_LIMIT;
  maxKey = DEFAULT_STRING_LIMIT;
  readonly fields = new Map<string, Limits>();
  /** Record values, array elements, and fields the schema does not name. */
  other: Limits | undefined;

  child(key: string | number): FieldLimits {
    return (typeof key === 'string' ? this.fields.get(key) : undefined) ?? this.other ?? LEAF;
  }
}

const LEAF = new Limits();
const DOCUMENT = new Limits();
DOCUMENT.maxString = DOCUMENT_STRING_LIMIT;
DOCUMENT.other = DOCUMENT;

function merge(into: Limits, from: Limits): void {
  if (from === DOCUMENT || into === DOCUMENT) return;
  into.maxString = Math.max(into.maxString, from.maxString);
  into.maxKey = Math.max(into.maxKey, from.maxKey);
  for (const [key, limits] of from.fields) {
    const existing = into.fields.get(key);
    if (existing === undefined) into.fields.set(key, limits);
    else if (existing !== limits) {
      const merged = new Limits();
      merge(merged, existing);
      merge(merged, limits);
      into.fields.set(key, merged);
    }
  }
  if (from.other !== undefined) {
    if (into.other === undefined) into.other = from.other;
    else if (into.other !== from.other) {
      const merged = new Limits();
      merge(merged, into.other);
      merge(merged, from.other);
      into.other = merged;
    }
  }
}

function limitsOfDef(def: SchemaDef): Limits {
  if (def.type === 'unknown' || def.type === 'any' || def.type === 'lazy') return DOCUMENT;
  const limits = new Limits();
  if (def.type === 'string') limits.maxString = Math.max(DEFAULT_STRING_LIMIT, maxLengthOf(def) ?? 0);
  for (const [key, field] of Object.entries(def.shape ?? {})) limits.fields.set(key, limitsOf(field));
  if (def.keyType !== undefined)
    limits.maxKey = Math.max(DEFAULT_STRING_LIMIT, maxLengthOf(defOf(def.keyType)) ?? 0);
  const below = [def.valueType, def.element, def.rest ?? undefined, ...(def.items ?? [])].filter(
    (schema): schema is z.ZodType => schema !== undefined,
  );
  for (const schema of below) {
    const child = limitsOf(schema);
    if (child === DOCUMENT) limits.other = DOCUMENT;
    else if (limits.other !== DOCUMENT) {
      limits.other ??= new Limits();
      merge(limits.other, child);
    }
  }
  for (const inner of innerSchemas(def)) {
    const innerLimits = limitsOf(inner);
    if (innerLimits === DOCUMENT) return DOCUMENT;
    merge(limits, innerLimits);
  }
  return limits;
}

const cache = new WeakMap<z.ZodType, Limits>();

/**
 * The length limits a schema sets, read from its own checks: a string field's `max()` (at
 * least {@link DEFAULT_STRING_LIMIT}), {@link DEFAULT_STRING_LIMIT} where it states none, and
 * {@link DOCUMENT_STRING_LIMIT} inside a free document (`z.unknown()`, the catalogue of
 * `AdoptCatalogue`). The boundary checks them before anything scans the input.
 */
export function limitsOf(schema: z.ZodType): FieldLimits & Limits {
  let limits = cache.get(schema);
  if (limits === undefined) {
    limits = limitsOfDef(defOf(schema));
    cache.set(schema, limits);
  }
  return limits;
}
