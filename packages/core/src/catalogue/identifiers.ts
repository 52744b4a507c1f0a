import { z } from 'zod';

/** Stable, lower-case, URL- and stream-name-safe identifiers (`rad-och-stod`, `familjecentral`). */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens')
  .max(64);

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date();

/** A period (month), `YYYY-MM`. */
export const PeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** A month, `YYYY-MM`: the period a tally sheet covers. */
export type Period = z.infer<typeof PeriodSchema>;
