import { z } from 'zod';

/** The publication methods: perturbation by cell keys (the default), or suppression. */
export const PUBLICATION_METHODS = ['cell-key', 'suppression'] as const;

/** A publication method. */
export type PublicationMethod = (typeof PUBLICATION_METHODS)[number];

/** What a report covers, how it is rolled up, and how it is protected. */
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
    /** How the figures are protected (default: the cell-key method). */
    method: z.enum(PUBLICATION_METHODS).default('cell-key'),
    /** Small counts are 1 … k − 1 (default 5): suppressed, or protected by the perturbation. */
    k: z.number().int().min(1).max(100).default(5),
    /** Suppression: whether zeros are published (default true). */
    showZeros: z.boolean().default(true),
    /** Cell-key method: D, the largest deviation of a published figure (default 3). */
    maxDeviation: z.number().int().min(1).max(20).default(3),
    /** Cell-key method: V, the variance of the deviation (default 1). */
    variance: z.number().gt(0).max(100).default(1),
    /** Cell-key method: the smallest non-zero figure ever published (default 1: none blocked). */
    smallestPublished: z.number().int().min(1).max(21).default(1),
    /** Also publish each intervention's headline count per responsible unit (default false). */
    byUnit: z.boolean().default(false),
    /**
     * Also publish each intervention's headline count for the period before the first one, so
     * every period can be compared with the one before it (default false).
     */
    comparePrevious: z.boolean().default(false),
  })
  .strict()
  .refine((options) => options.from <= options.to, { message: 'from must not be after to', path: ['to'] })
  .refine((options) => options.variance < options.maxDeviation ** 2, {
    message: 'the variance must be below the square of the maximum deviation',
    path: ['variance'],
  })
  .refine((options) => options.smallestPublished <= options.maxDeviation + 1, {
    message: 'the smallest published figure can be at most the maximum deviation + 1',
    path: ['smallestPublished'],
  });

/** Report options as given. */
export type ReportOptionsInput = z.input<typeof ReportOptionsSchema>;
/** Report options with defaults applied. */
export type ReportOptions = z.infer<typeof ReportOptionsSchema>;
