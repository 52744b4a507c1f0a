import type { z } from 'zod';

/** The parts of a zod (v4) schema's definition the boundary reads: its shape, never its values. */
export interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly rest?: z.ZodType | null;
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly format?: string;
  readonly checks?: readonly {
    readonly _zod: { readonly def: { readonly check: string; readonly maximum?: number } };
  }[];
}

/** A schema's definition. */
export const defOf = (schema: z.ZodType): SchemaDef =>
  (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The schemas a wrapper (optional, default, pipe …) or a union stands for. */
export function innerSchemas(def: SchemaDef): readonly z.ZodType[] {
  if (def.innerType !== undefined) return [def.innerType];
  if (def.type === 'pipe' && def.in !== undefined) return [def.in];
  if (def.options !== undefined) return def.options;
  return [];
}

/** The longest string a schema's own checks allow, if it says. */
export function maxLengthOf(def: SchemaDef): number | undefined {
  let max: number | undefined;
  for (const check of def.checks ?? []) {
    const { check: kind, maximum } = check._zod.def;
    if (kind === 'max_length' && maximum !== undefined) max = Math.min(max ?? maximum, maximum);
  }
  return max;
}
