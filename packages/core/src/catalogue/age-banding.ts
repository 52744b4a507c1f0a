import { z } from 'zod';

/** Five-year classes as in Swedish official statistics: 0–4, 5–9, …, 95–99, 100+. */
export const FiveYearBandingSchema = z.object({ kind: z.literal('five-year') }).strict();

/** Exact years between `min` and `max` inclusive: for young people, where the policy says so. */
export const ExactYearsBandingSchema = z
  .object({
    kind: z.literal('exact-years'),
    min: z.number().int().min(0).max(120),
    max: z.number().int().min(0).max(120),
  })
  .strict()
  .refine((banding) => banding.min <= banding.max, { message: 'min must not exceed max', path: ['max'] });

/** How an age is stored: never the exact age unless the banding is exact years. */
export const AgeBandingSchema = z.discriminatedUnion('kind', [
  FiveYearBandingSchema,
  ExactYearsBandingSchema,
]);

/** How an age is banded. */
export type AgeBanding = z.infer<typeof AgeBandingSchema>;

const OLDEST_FIVE_YEAR_CLASS = 100;

/** The band codes of a banding, youngest first. */
export function ageBandCodes(banding: AgeBanding): readonly string[] {
  if (banding.kind === 'exact-years') {
    return Array.from({ length: banding.max - banding.min + 1 }, (_, offset) => String(banding.min + offset));
  }
  const codes: string[] = [];
  for (let start = 0; start < OLDEST_FIVE_YEAR_CLASS; start += 5) codes.push(`${start}-${start + 4}`);
  codes.push(`${OLDEST_FIVE_YEAR_CLASS}+`);
  return codes;
}

/** The band an exact age falls in, or `undefined` when the banding does not cover it. */
export function ageBandOf(age: number, banding: AgeBanding): string | undefined {
  if (!Number.isInteger(age) || age < 0) return undefined;
  if (banding.kind === 'exact-years') {
    return age >= banding.min && age <= banding.max ? String(age) : undefined;
  }
  if (age >= OLDEST_FIVE_YEAR_CLASS) return `${OLDEST_FIVE_YEAR_CLASS}+`;
  const start = age - (age % 5);
  return `${start}-${start + 4}`;
}

/** The ages (inclusive) a band code covers; `max` is `Infinity` for the open top class. */
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
