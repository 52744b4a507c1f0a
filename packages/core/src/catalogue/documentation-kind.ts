import { z } from 'zod';
import { LocalizedTextSchema } from './localized-text.js';

/** How an intervention may be documented, as the municipality's policy says. */
export const DOCUMENTATION_KINDS = [
  'aggregate',
  'aggregate-with-working-notes',
  'exempt',
  'case-record-required',
] as const;

/** `aggregate` | `aggregate-with-working-notes` | `exempt` | `case-record-required`. */
export type DocumentationKind = (typeof DOCUMENTATION_KINDS)[number];

/** The documentation policy of one intervention. */
export const DocumentationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('aggregate') }).strict(),
  z
    .object({
      kind: z.literal('aggregate-with-working-notes'),
      /** Material of the same class as working notes (Rörligt elevstöd's action plan). */
      alsoCovers: z.array(LocalizedTextSchema).default([]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('exempt'),
      /** Why nothing at all is recorded. */
      ground: LocalizedTextSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('case-record-required'),
      /** Where documentation belongs instead. */
      system: LocalizedTextSchema,
    })
    .strict(),
]);

/** The documentation policy of one intervention. */
export type Documentation = z.infer<typeof DocumentationSchema>;
