import { z } from 'zod';
import { PeriodSchema } from '../catalogue/identifiers.js';
import { CommandIdSchema } from '../tally/commands.js';

/** Seal a month: its tables written, its detail deleted, its key destroyed. Idempotent. */
export const SealPeriodSchema = z
  .object({ type: z.literal('SealPeriod'), commandId: CommandIdSchema, period: PeriodSchema })
  .strict();

/** Seal a period. */
export type SealPeriod = z.input<typeof SealPeriodSchema>;
