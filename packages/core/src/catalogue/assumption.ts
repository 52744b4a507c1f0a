import { z } from 'zod';
import { LocalizedTextSchema } from './localized-text.js';

/** What a catalogue entry is: the project's reading of something the source leaves open, or a departure from its words. */
export const ASSUMPTION_KINDS = ['assumption', 'deviation'] as const;

/**
 * One place where a catalogue says more than its source, or something else, with the reason:
 * an `assumption` fills a gap (a value the source does not give, a reading of an ambiguous
 * cell); a `deviation` departs from the source's words on purpose. Reviewers read them in the
 * generated review table; nothing the source does not say is left unmarked.
 */
export const AssumptionSchema = z
  .object({
    /** What it is about: a field of the catalogue (`effectiveFrom`, `tally/contact/dimensions/adultAge` …). */
    about: z.string().min(1).max(120),
    kind: z.enum(ASSUMPTION_KINDS),
    text: LocalizedTextSchema,
  })
  .strict();

/** An assumption or deviation, with its reason. */
export type Assumption = z.infer<typeof AssumptionSchema>;
