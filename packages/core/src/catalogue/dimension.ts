import { z } from 'zod';
import { AgeBandingSchema } from './age-banding.js';
import { LocalizedTextSchema } from './localized-text.js';

const CodeListDimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase identifier'),
    kind: z.literal('code-list'),
    label: LocalizedTextSchema,
    /** The catalogue code list this dimension takes its values from. */
    codeList: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  })
  .strict();

const AgeDimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    kind: z.literal('age'),
    label: LocalizedTextSchema,
    banding: AgeBandingSchema,
  })
  .strict();

const CountDimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    kind: z.literal('count'),
    label: LocalizedTextSchema,
    /** Counts at or above this are stored as `"{topCode}+"`. */
    topCode: z.number().int().min(1).max(20),
  })
  .strict();

/**
 * A tallied dimension (gender, adult age, route in …): its label and the closed set of values
 * a mark may take — a code list, an age banding, or a top-coded count.
 */
export const DimensionSchema = z.discriminatedUnion('kind', [
  CodeListDimensionSchema,
  AgeDimensionSchema,
  CountDimensionSchema,
]);

/** A tallied dimension. */
export type Dimension = z.infer<typeof DimensionSchema>;

/** A dimension identifier (`gender`, `adultAge` …). */
export type DimensionId = string;
