import { z } from 'zod';
import { LocalizedTextSchema } from './localized-text.js';

/**
 * A provision the catalogue rests on: always the SFS number with the paragraph, because
 * "11 kap. 5 §" means different things in SFS 2001:453 and SFS 2025:400.
 */
export const LegalProvisionSchema = z
  .object({
    /** Svensk författningssamling number, `YYYY:N` (e.g. `2001:453`). */
    sfs: z.string().regex(/^\d{4}:\d+$/, 'an SFS number such as 2001:453'),
    chapter: z.number().int().min(1).optional(),
    /** Paragraph, with its letter where it has one (`5`, `2 a`). */
    paragraph: z.string().regex(/^\d+(?: [a-z])?$/, 'a paragraph such as 5 or 2 a'),
    description: LocalizedTextSchema,
  })
  .strict();

/** A provision of Swedish law, by SFS number, chapter and paragraph. */
export type LegalProvision = z.infer<typeof LegalProvisionSchema>;

/** The citation of a provision as written in Swedish law texts: `SFS 2001:453 11 kap. 5 §`. */
export function citeProvision(provision: LegalProvision): string {
  const chapter = provision.chapter === undefined ? '' : ` ${provision.chapter} kap.`;
  return `SFS ${provision.sfs}${chapter} ${provision.paragraph} §`;
}

/**
 * What a catalogue says for a fact its source does not give (a decision body, a diary number,
 * a decision date): never an invented value.
 */
export const NOT_IN_SOURCE = 'uppgift saknas i källan';

/** The decision that adopted a catalogue version; a field the source does not give is {@link NOT_IN_SOURCE}. */
export const DecisionSchema = z
  .object({
    body: z.string().min(1),
    diaryNumber: z.string().min(1),
    date: z.union([z.iso.date(), z.literal(NOT_IN_SOURCE)]),
  })
  .strict();

/** The decision (body, diary number, date) that adopted a catalogue version. */
export type Decision = z.infer<typeof DecisionSchema>;
