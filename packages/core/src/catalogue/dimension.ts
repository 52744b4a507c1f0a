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

/** The ages a dimension can describe (adult ages start at 18): an age outside is refused at the door. */
export const AgeDomainSchema = z
  .object({
    min: z.number().int().min(0).max(120).optional(),
    max: z.number().int().min(0).max(120).optional(),
  })
  .strict()
  .refine((ages) => ages.min === undefined || ages.max === undefined || ages.min <= ages.max, {
    message: 'min must not exceed max',
    path: ['max'],
  });

const AgeDimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    kind: z.literal('age'),
    label: LocalizedTextSchema,
    banding: AgeBandingSchema,
    /** The ages the dimension describes; absent means any age. */
    ages: AgeDomainSchema.optional(),
  })
  .strict();

/**
 * The ages of everyone a contact concerns besides the person met (row 11's "ålder barn": the
 * ages of all the children), given as a list and stored as a sorted list of bands. Its table
 * counts the people listed, not contacts, so the contact totals still add up.
 */
const AgeListDimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    kind: z.literal('age-list'),
    label: LocalizedTextSchema,
    /** What one entry of the list is, in the plural, for the table's title ("barn", "children"). */
    counts: LocalizedTextSchema,
    banding: AgeBandingSchema,
    ages: AgeDomainSchema.optional(),
    /** The most entries one contact may list. */
    maxEntries: z.number().int().min(1).max(20),
    /** A tallied count dimension the list's length must agree with (one age per child counted). */
    matchesCount: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9]*$/)
      .optional(),
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
 * a mark may take — a code list, an age banding, a top-coded count, or a list of ages.
 */
export const DimensionSchema = z.discriminatedUnion('kind', [
  CodeListDimensionSchema,
  AgeDimensionSchema,
  CountDimensionSchema,
  AgeListDimensionSchema,
]);

/** A tallied dimension. */
export type Dimension = z.infer<typeof DimensionSchema>;

/** A dimension identifier (`gender`, `adultAge` …). */
export type DimensionId = string;
