import { z } from 'zod';
import { AssumptionSchema } from './assumption.js';
import { DocumentationSchema } from './documentation-kind.js';
import { SlugSchema } from './identifiers.js';
import { LocalizedTextSchema } from './localized-text.js';

const DimensionRefSchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/);

/** What one tallied contact counts as, for labels and reports. */
export const CONTACT_UNITS = [
  'session',
  'participant',
  'home-visit',
  'talk',
  'outreach-contact',
  'occasion',
] as const;

/** What the contacts are called in reports, in the plural ("antal samtal", "number of sessions"). */
export const CONTACT_UNIT_LABELS = {
  session: { sv: 'samtal', en: 'sessions' },
  participant: { sv: 'deltagare', en: 'participants' },
  'home-visit': { sv: 'hembesök', en: 'home visits' },
  talk: { sv: 'samtal', en: 'talks' },
  'outreach-contact': { sv: 'uppsökande kontakter', en: 'outreach contacts' },
  occasion: { sv: 'tillfällen', en: 'occasions' },
} as const satisfies Record<(typeof CONTACT_UNITS)[number], { sv: string; en: string }>;

/** The age range of the target group, enforced on a tallied age dimension where the policy names one. */
export const AgeRangeSchema = z
  .object({
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
    /** The tallied age dimension the range is enforced on; absent when no tallied age describes the target group. */
    enforcedOn: DimensionRefSchema.optional(),
  })
  .strict();

const ContactTallySchema = z
  .object({
    countedAs: z.enum(CONTACT_UNITS),
    dimensions: z.array(DimensionRefSchema),
    /** Pairs of dimensions whose cross-tabulation the statistics may show. */
    crossTabulations: z.array(z.tuple([DimensionRefSchema, DimensionRefSchema])).default([]),
    /**
     * Groups of tallied dimensions of which a contact marks exactly one (a contact with a
     * pupil gives the pupil's age, one with a parent the parent's age); the others are stored
     * as `not-applicable`, so every dimension's table still adds up to the contacts.
     */
    oneOf: z.array(z.array(DimensionRefSchema).min(2)).optional(),
  })
  .strict();

const GroupMeetingTallySchema = z
  .object({
    /** Who is counted at each meeting, always by gender. */
    participants: z.array(z.enum(['adults', 'children'])).min(1),
  })
  .strict();

/** Which kinds of tally an intervention keeps, and the dimensions of each. */
export const TallySpecSchema = z
  .object({
    contact: ContactTallySchema.optional(),
    groupMeeting: GroupMeetingTallySchema.optional(),
    /** An open activity's head count, by gender. */
    visitors: z.object({}).strict().optional(),
  })
  .strict();

/** Limits on a series of contacts with one anonymous person (or family). */
export const SeriesLimitsSchema = z
  .object({
    /**
     * Every contact of the intervention belongs to a series: a contact tallied without one is
     * refused, so the limits cannot be bypassed. Absent means series are optional.
     */
    required: z.boolean().optional(),
    /** The fewest contacts a series should have: a series closed with fewer is reported, never refused. */
    minContacts: z.number().int().min(1).optional(),
    maxContacts: z.number().int().min(1).optional(),
    /**
     * Whether ended series are tallied by their length. `false` where the source counts no
     * sessions (the series exists for its working notes); absent means tallied.
     */
    lengthTallied: z.boolean().optional(),
    /** The words of the source document, verbatim, for refusals. */
    source: LocalizedTextSchema.optional(),
    /** How the project reads the limit where the source is not explicit (marked as the project's reading). */
    reading: LocalizedTextSchema.optional(),
  })
  .strict();

/** One intervention offered without a needs assessment, and its documentation policy. */
export const InterventionPolicySchema = z
  .object({
    /** Stable id; not the name ("Uppsökande verksamhet" names three policies). */
    id: SlugSchema,
    /** The row of the source document, when there is one. */
    sourceRow: z.number().int().min(1).optional(),
    name: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    targetGroup: z
      .object({
        text: LocalizedTextSchema,
        ageRange: AgeRangeSchema.optional(),
      })
      .strict(),
    responsibleUnits: z.array(SlugSchema).min(1),
    documentation: DocumentationSchema,
    /** What is tallied; empty for kinds that record nothing. */
    tally: TallySpecSchema.default({}),
    /** Series of contacts with one person: which contacts form one, and its limits. */
    series: SeriesLimitsSchema.optional(),
    /** Why no case record (social journal) is kept for the intervention. */
    exemptionGround: LocalizedTextSchema.optional(),
    /** Where this policy goes beyond or against the source's words, and why. */
    assumptions: z.array(AssumptionSchema).optional(),
  })
  .strict();

/** One intervention's policy. */
export type InterventionPolicy = z.infer<typeof InterventionPolicySchema>;
/** What an intervention tallies. */
export type TallySpec = z.infer<typeof TallySpecSchema>;
/** What one contact counts as. */
export type ContactUnit = (typeof CONTACT_UNITS)[number];
