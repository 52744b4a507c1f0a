import { z } from 'zod';
import { AssumptionSchema } from './assumption.js';
import { checkCatalogueReferences } from './catalogue-references.js';
import { CodeListSchema } from './code-list.js';
import { DimensionSchema } from './dimension.js';
import { IsoDateSchema, SlugSchema } from './identifiers.js';
import { InterventionPolicySchema } from './intervention-policy.js';
import { DecisionSchema, LegalProvisionSchema } from './legal-basis.js';
import { LocalizedTextSchema } from './localized-text.js';
import { checkPaddedSizes } from './padded-sizes-fit.js';

/** A unit that delivers interventions (Familjecentral, Fältare …). */
export const UnitSchema = z
  .object({
    id: SlugSchema,
    name: LocalizedTextSchema,
  })
  .strict();

/**
 * A municipality's catalogue of interventions offered without a needs assessment, at one
 * version: who adopted it and when, on what legal basis, the units, code lists, dimensions
 * and the documentation policy of every intervention.
 */
export const CatalogueSchema = z
  .object({
    id: SlugSchema,
    version: z.string().regex(/^\d+(?:\.\d+){0,2}$/, 'a version such as 1, 1.2 or 1.2.3'),
    effectiveFrom: IsoDateSchema,
    municipality: z
      .object({
        name: z.string().min(1),
        /** The four-digit municipality code (kommunkod). */
        code: z.string().regex(/^\d{4}$/, 'a four-digit kommunkod'),
      })
      .strict(),
    decision: DecisionSchema,
    legalBasis: z.array(LegalProvisionSchema).min(1),
    /** Where the catalogue was read from, and how gaps in it were read. */
    source: LocalizedTextSchema.optional(),
    /** Where the catalogue's header, code lists or dimensions say more than the source, and why. */
    assumptions: z.array(AssumptionSchema).optional(),
    units: z.array(UnitSchema).min(1),
    codeLists: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), CodeListSchema),
    dimensions: z.array(DimensionSchema),
    interventions: z.array(InterventionPolicySchema).min(1),
  })
  .strict()
  .superRefine(checkCatalogueReferences)
  .superRefine(checkPaddedSizes);

/** A catalogue version, validated. */
export type Catalogue = z.infer<typeof CatalogueSchema>;
/** What a catalogue looks like before validation (defaults not yet applied). */
export type CatalogueInput = z.input<typeof CatalogueSchema>;
/** A unit. */
export type Unit = z.infer<typeof UnitSchema>;
