import { z } from 'zod';

/** What a report covers and how it is rolled up. */
export const ReportOptionsSchema = z
  .object({
    /** First month, `YYYY-MM`. */
    from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    /** Last month, `YYYY-MM`, inclusive. */
    to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    granularity: z.enum(['month', 'quarter', 'year']).default('month'),
    /** Interventions to include (default: every intervention that keeps tallies). */
    interventions: z.array(z.string()).optional(),
    /** Units whose tallies are summed (default: all). */
    units: z.array(z.string()).optional(),
    /** Primary suppression threshold: counts 1..k−1 are suppressed (default 5). */
    k: z.number().int().min(1).max(100).default(5),
    /** Whether zeros are published (default true). */
    showZeros: z.boolean().default(true),
  })
  .strict()
  .refine((options) => options.from <= options.to, { message: 'from must not be after to', path: ['to'] });

/** Report options as given. */
export type ReportOptionsInput = z.input<typeof ReportOptionsSchema>;
/** Report options with defaults applied. */
export type ReportOptions = z.infer<typeof ReportOptionsSchema>;
