import { z } from 'zod';
import { PeriodSchema, SlugSchema } from '../catalogue/identifiers.js';
import { CommandIdSchema, MarksSchema } from '../tally/commands.js';
import { VOID_REASONS } from '../tally/void-reasons.js';

const ByGenderSchema = z.record(z.string().max(40), z.number().int().min(0).max(10_000));

/**
 * Correct a sealed sheet: add (+1) or take away (−1) one tally, given as a tally would be,
 * with a reason code. It is recorded as a `SheetAmended` delta; nothing sealed is edited.
 */
export const AmendSheetSchema = z
  .object({
    type: z.literal('AmendSheet'),
    commandId: CommandIdSchema,
    interventionId: SlugSchema,
    unitId: SlugSchema,
    period: PeriodSchema,
    change: z.union([z.literal(1), z.literal(-1)]),
    tally: z.discriminatedUnion('type', [
      z
        .object({
          type: z.literal('contact'),
          marks: MarksSchema,
        })
        .strict(),
      z
        .object({
          type: z.literal('group-meeting'),
          participants: z
            .object({ adults: ByGenderSchema.optional(), children: ByGenderSchema.optional() })
            .strict(),
        })
        .strict(),
      z.object({ type: z.literal('visitors'), visitors: ByGenderSchema }).strict(),
    ]),
    reason: z.enum([...(Object.keys(VOID_REASONS) as (keyof typeof VOID_REASONS)[]), 'late-tally']),
  })
  .strict();

/** Correct a sealed sheet. */
export type AmendSheet = z.input<typeof AmendSheetSchema>;
