import { z } from 'zod';
import { SlugSchema } from './identifiers.js';
import { LocalizedTextSchema } from './localized-text.js';

/** One value of a closed code list, labelled in Swedish and English. */
export const CodeSchema = z
  .object({
    code: SlugSchema,
    label: LocalizedTextSchema,
  })
  .strict();

/** A closed list of codes: the only values a dimension may take. */
export const CodeListSchema = z
  .object({
    label: LocalizedTextSchema,
    codes: z.array(CodeSchema).min(1),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.codes.forEach((entry, index) => {
      if (seen.has(entry.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['codes', index, 'code'],
          message: 'a code used twice in its list',
        });
      }
      seen.add(entry.code);
    });
  });

/** One code of a code list. */
export type Code = z.infer<typeof CodeSchema>;
/** A closed code list. */
export type CodeList = z.infer<typeof CodeListSchema>;

/** The code every default list carries for "not stated": a mark is always given, never guessed. */
export const NOT_STATED = 'not-stated';

/**
 * The value stored for a dimension that does not apply to the contact: of a pair such as
 * "pupil's age" and "parent's age" (Rörligt elevstöd), only the one that describes the person
 * met is given.
 */
export const NOT_APPLICABLE = 'not-applicable';
