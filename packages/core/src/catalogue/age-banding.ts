import { z } from 'zod';
import { LocalizedTextSchema } from './localized-text.js';

/** Five-year classes as in Swedish official statistics (SCB): 0–4, 5–9, …, 95–99, 100+. */
export const FiveYearBandingSchema = z.object({ kind: z.literal('five-year') }).strict();

/**
 * Exact years between `min` and `max` inclusive. Only where the catalogue says so for a
 * reason (`reason`): an exact age is more identifying than a band, so a catalogue that keeps
 * one states why.
 */
export const ExactYearsBandingSchema = z
  .object({
    kind: z.literal('exact-years'),
    min: z.number().int().min(0).max(120),
    max: z.number().int().min(0).max(120),
    /** Why exact years are kept instead of bands (whose assumption or decision it is). */
    reason: LocalizedTextSchema.optional(),
  })
  .strict()
  .refine((banding) => banding.min <= banding.max, { message: 'min must not exceed max', path: ['max'] });

/**
 * Age classes given by their lower bounds (`[0, 4, 7]` → 0–3, 4–6, 7+): for a published
 * convention other than five-year classes, named in `convention`. The last class is open.
 */
export const AgeClassesBandingSchema = z
  .object({
    kind: z.literal('classes'),
    lowerBounds: z.array(z.number().int().min(0).max(120)).min(1),
    /** The convention the classes follow, with its source. */
    convention: LocalizedTextSchema,
  })
  .strict()
  .refine(
    (banding) =>
      banding.lowerBounds.every((bound, index, all) => index === 0 || bound > (all[index - 1] ?? 0)),
    {
      message: 'lower bounds must increase',
      path: ['lowerBounds'],
    },
  );

/** How an age is stored: never the exact age unless the banding is exact years. */
export const AgeBandingSchema = z.discriminatedUnion('kind', [
  FiveYearBandingSchema,
  ExactYearsBandingSchema,
  AgeClassesBandingSchema,
]);

/** How an age is banded. */
export type AgeBanding = z.infer<typeof AgeBandingSchema>;

/** The ages an age dimension can describe (adult ages start at 18); open where a bound is absent. */
export interface AgeDomain {
  readonly min?: number;
  readonly max?: number;
}

const OLDEST_FIVE_YEAR_CLASS = 100;

/** Every class of a banding, youngest first, with the ages it covers. */
function classesOf(banding: AgeBanding): { code: string; min: number; max: number }[] {
  switch (banding.kind) {
    case 'exact-years':
      return Array.from({ length: banding.max - banding.min + 1 }, (_, offset) => {
        const age = banding.min + offset;
        return { code: String(age), min: age, max: age };
      });
    case 'five-year': {
      const classes: { code: string; min: number; max: number }[] = [];
      for (let start = 0; start < OLDEST_FIVE_YEAR_CLASS; start += 5)
        classes.push({ code: `${start}-${start + 4}`, min: start, max: start + 4 });
      classes.push({
        code: `${OLDEST_FIVE_YEAR_CLASS}+`,
        min: OLDEST_FIVE_YEAR_CLASS,
        max: Number.POSITIVE_INFINITY,
      });
      return classes;
    }
    case 'classes':
      return banding.lowerBounds.map((min, index, all) => {
        const next = all[index + 1];
        return next === undefined
          ? { code: `${min}+`, min, max: Number.POSITIVE_INFINITY }
          : { code: next - 1 === min ? String(min) : `${min}-${next - 1}`, min, max: next - 1 };
      });
  }
}

const overlaps = (ages: { min: number; max: number }, domain: AgeDomain): boolean =>
  ages.max >= (domain.min ?? 0) && ages.min <= (domain.max ?? Number.POSITIVE_INFINITY);

/** The band codes of a banding, youngest first; with a domain, only the bands that hold some age of it. */
export function ageBandCodes(banding: AgeBanding, domain: AgeDomain = {}): readonly string[] {
  return classesOf(banding)
    .filter((band) => overlaps(band, domain))
    .map((band) => band.code);
}

/** The band an exact age falls in, or `undefined` when the banding (or the domain) does not cover it. */
export function ageBandOf(age: number, banding: AgeBanding, domain: AgeDomain = {}): string | undefined {
  if (!Number.isInteger(age) || age < 0) return undefined;
  if (age < (domain.min ?? 0) || age > (domain.max ?? Number.POSITIVE_INFINITY)) return undefined;
  if (banding.kind === 'five-year') {
    if (age >= OLDEST_FIVE_YEAR_CLASS) return `${OLDEST_FIVE_YEAR_CLASS}+`;
    const start = age - (age % 5);
    return `${start}-${start + 4}`;
  }
  return classesOf(banding).find((band) => age >= band.min && age <= band.max)?.code;
}

/** The ages (inclusive) a band code covers; `max` is `Infinity` for an open top class. */
export function ageBandRange(code: string): { readonly min: number; readonly max: number } | undefined {
  const open = /^(\d+)\+$/.exec(code);
  if (open?.[1] !== undefined) return { min: Number(open[1]), max: Number.POSITIVE_INFINITY };
  const closed = /^(\d+)-(\d+)$/.exec(code);
  if (closed?.[1] !== undefined && closed[2] !== undefined)
    return { min: Number(closed[1]), max: Number(closed[2]) };
  const exact = /^(\d+)$/.exec(code);
  if (exact?.[1] !== undefined) return { min: Number(exact[1]), max: Number(exact[1]) };
  return undefined;
}
