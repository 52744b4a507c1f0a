import { z } from 'zod';
import { IsoDateSchema, SlugSchema } from '../catalogue/identifiers.js';
import { CommandIdSchema, MarksSchema } from '../tally/commands.js';

/** The most a working note may hold, in characters. */
export const MAX_NOTE_LENGTH = 2000;

const TokenSchema = z.string().min(1).max(64);

const commandEnvelope = {
  commandId: CommandIdSchema,
  correlationId: CommandIdSchema.optional(),
  causationId: CommandIdSchema.optional(),
};

/**
 * Open a series for one intervention and unit: no identity is accepted, none is needed. A
 * retry with the same command id opens nothing new and returns the same token.
 */
export const OpenSeriesSchema = z
  .object({
    type: z.literal('OpenSeries'),
    ...commandEnvelope,
    interventionId: SlugSchema,
    unitId: SlugSchema,
  })
  .strict();

/** Record one contact of a series, with the marks its intervention tallies. */
export const RecordSessionSchema = z
  .object({
    type: z.literal('RecordSession'),
    ...commandEnvelope,
    token: TokenSchema,
    date: IsoDateSchema,
    marks: MarksSchema.default({}),
  })
  .strict();

/** Write a working note on a series. */
export const WriteNoteSchema = z
  .object({
    type: z.literal('WriteNote'),
    ...commandEnvelope,
    token: TokenSchema,
    text: z.string().min(1).max(MAX_NOTE_LENGTH, `at most ${MAX_NOTE_LENGTH} characters`),
  })
  .strict();

/** Read a series' working notes back (a query: it writes nothing). */
export const ReadNotesSchema = z.object({ token: TokenSchema }).strict();

/** Why a caller closes a series: its contacts are over, or the person asked. */
export const CLOSE_REASONS = ['completed', 'on-request'] as const;

/** Close a series: its key, and with it every working note, is destroyed. */
export const CloseSeriesSchema = z
  .object({
    type: z.literal('CloseSeries'),
    ...commandEnvelope,
    token: TokenSchema,
    reason: z.enum(CLOSE_REASONS),
  })
  .strict();

/** Open a series. */
export type OpenSeries = z.input<typeof OpenSeriesSchema>;
/** Record a contact of a series. */
export type RecordSession = z.input<typeof RecordSessionSchema>;
/** Write a working note. */
export type WriteNote = z.input<typeof WriteNoteSchema>;
/** Read a series' working notes. */
export type ReadNotes = z.input<typeof ReadNotesSchema>;
/** Close a series. */
export type CloseSeries = z.input<typeof CloseSeriesSchema>;
