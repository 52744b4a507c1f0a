import { z } from 'zod';

/** Text in Swedish and English; every label, ground and message the library shows has both. */
export const LocalizedTextSchema = z
  .object({
    sv: z.string().min(1),
    en: z.string().min(1),
  })
  .strict();

/** Text in Swedish (`sv`) and English (`en`). */
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** The languages the library speaks. */
export type Language = keyof LocalizedText;
