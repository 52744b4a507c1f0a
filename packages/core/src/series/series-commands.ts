import { z } from 'zod';
import { IsoDateSchema, SlugSchema } from '../catalogue/identifiers.js';
import { CommandIdSchema } from '../tally/commands.js';

/** The most a working note may hold. */
export const MAX_NOTE_LENGTH = 2000;

const TokenSchema = z.string().min(1).max(64);

/** Open a series for one intervention and unit: no identity is accepted, none is needed. */
export const OpenSeriesSchema = z.object({ interventionId: SlugSchema, unitId: SlugSchema }).strict();

/** Record one contact of a series, with the marks its intervention tallies. */
export const RecordSessionSchema = z
  .object({
    token: TokenSchema,
    commandId: CommandIdSchema,
    date: IsoDateSchema,
    marks: z
      .record(z.string().max(40), z.union([z.string().min(1).max(40), z.number().int().min(0).max(130)]))
      .default({}),
  })
  .strict();

/** Write a working note on a series. */
export const WriteNoteSchema = z
  .object({
    token: TokenSchema,
    commandId: CommandIdSchema,
    text: z.string().min(1).max(MAX_NOTE_LENGTH, `at most ${MAX_NOTE_LENGTH} characters`),
  })
  .strict();

/** Close a series: `completed` when the contacts are over, `on-request` when the person asks. */
export const CloseSeriesSchema = z
  .object({ token: TokenSchema, reason: z.enum(['completed', 'on-request']) })
  .strict();

/** Open a series. */
export type OpenSeries = z.infer<typeof OpenSeriesSchema>;
/** Record a contact of a series. */
export type RecordSession = z.input<typeof RecordSessionSchema>;
/** Write a working note. */
export type WriteNote = z.infer<typeof WriteNoteSchema>;
/** Close a series. */
export type CloseSeries = z.infer<typeof CloseSeriesSchema>;
