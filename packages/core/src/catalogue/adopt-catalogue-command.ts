import { z } from 'zod';
import { CommandIdSchema } from '../tally/commands.js';

/** Adopt a catalogue version (the decision and legal basis travel inside it). */
export const AdoptCatalogueSchema = z
  .object({
    type: z.literal('AdoptCatalogue'),
    commandId: CommandIdSchema,
    catalogue: z.unknown(),
  })
  .strict();

/** Adopt a catalogue version. */
export type AdoptCatalogue = z.infer<typeof AdoptCatalogueSchema>;
