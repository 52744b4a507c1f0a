import { z } from 'zod';
import { type LocalizedText, LocalizedTextSchema } from './localized-text.js';

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

/**
 * Each documentation kind in the seed document's own words ("Aggregerad data",
 * "Arbetsanteckningar + Aggregerad data", "Dokumentation undantas", "Dokumentation krävs i
 * verksamhetssystem"), for every text a reader sees instead of the kind's id.
 */
export const DOCUMENTATION_KIND_LABELS: Readonly<Record<DocumentationKind, LocalizedText>> = {
  aggregate: { sv: 'Aggregerad data', en: 'Aggregate data only' },
  'aggregate-with-working-notes': {
    sv: 'Arbetsanteckningar + aggregerad data',
    en: 'Working notes + aggregate data',
  },
  exempt: { sv: 'Dokumentation undantas', en: 'Documentation exempt' },
  'case-record-required': {
    sv: 'Dokumentation krävs i verksamhetssystem',
    en: 'Case record required in the case-management system',
  },
};
