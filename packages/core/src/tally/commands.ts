import { z } from 'zod';
import { IsoDateSchema, PeriodSchema, SlugSchema } from '../catalogue/identifiers.js';
import { VOID_REASONS, type VoidReason } from './void-reasons.js';

/** Command ids are UUIDs the caller makes: nothing in them can describe a person. */
export const CommandIdSchema = z.uuid();

const commandEnvelope = {
  commandId: CommandIdSchema,
  correlationId: CommandIdSchema.optional(),
  causationId: CommandIdSchema.optional(),
};

const sheetCoordinates = {
  interventionId: SlugSchema,
  unitId: SlugSchema,
};

const DimensionKeySchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'a dimension id')
  .max(40);
const ScalarMarkSchema = z.union([z.string().min(1).max(40), z.number().int().min(0).max(130)]);

/** The most entries a list-valued mark (the ages of all the children a contact concerns) may hold. */
export const MAX_MARK_ENTRIES = 20;

/** One mark: a code, a number (an age, a count), or for a list dimension a list of them. */
export const MarkValueSchema = z.union([ScalarMarkSchema, z.array(ScalarMarkSchema).max(MAX_MARK_ENTRIES)]);

/**
 * A contact's marks, one per dimension its policy tallies. Shared by every command that
 * carries marks (tallies, a series' sessions, amendments), so they accept the same values.
 */
export const MarksSchema = z.record(DimensionKeySchema, MarkValueSchema);

/** A mark as a caller gives it. */
export type MarkValue = z.infer<typeof MarkValueSchema>;
const HeadCountSchema = z.number().int().min(0).max(10_000);
const ByGenderSchema = z.record(z.string().max(40), HeadCountSchema);

/** Tally one contact (session, talk, home visit, outreach contact …) with its marks. */
export const TallyContactSchema = z
  .object({
    type: z.literal('TallyContact'),
    ...commandEnvelope,
    ...sheetCoordinates,
    date: IsoDateSchema,
    /**
     * One mark per dimension the policy tallies: a code, or for ages and counts a number that
     * is banded; for a list of ages (`childAges`) a list, one entry per person.
     */
    marks: MarksSchema.default({}),
  })
  .strict();

/** Tally one group meeting with its participants, by gender. */
export const TallyGroupMeetingSchema = z
  .object({
    type: z.literal('TallyGroupMeeting'),
    ...commandEnvelope,
    ...sheetCoordinates,
    date: IsoDateSchema,
    participants: z
      .object({ adults: ByGenderSchema.optional(), children: ByGenderSchema.optional() })
      .strict(),
  })
  .strict();

/** Tally an open activity's visitors, by gender. */
export const TallyVisitorsSchema = z
  .object({
    type: z.literal('TallyVisitors'),
    ...commandEnvelope,
    ...sheetCoordinates,
    date: IsoDateSchema,
    visitors: ByGenderSchema,
  })
  .strict();

/** Void an earlier tally on a sheet (a compensating event; nothing is edited). */
export const VoidTallySchema = z
  .object({
    type: z.literal('VoidTally'),
    ...commandEnvelope,
    ...sheetCoordinates,
    period: PeriodSchema,
    /** The command id of the tally to void (its receipt's `tallyId`). */
    tallyId: CommandIdSchema,
    reason: z.enum(Object.keys(VOID_REASONS) as [VoidReason, ...VoidReason[]]),
  })
  .strict();

/** Any command that writes to a tally sheet. */
export const TallyCommandSchema = z.discriminatedUnion('type', [
  TallyContactSchema,
  TallyGroupMeetingSchema,
  TallyVisitorsSchema,
  VoidTallySchema,
]);

/** Tally one contact. */
export type TallyContact = z.infer<typeof TallyContactSchema>;
/** Tally a group meeting. */
export type TallyGroupMeeting = z.infer<typeof TallyGroupMeetingSchema>;
/** Tally visitors. */
export type TallyVisitors = z.infer<typeof TallyVisitorsSchema>;
/** Void a tally. */
export type VoidTally = z.infer<typeof VoidTallySchema>;
/** A validated tally-sheet command. */
export type TallyCommand = z.infer<typeof TallyCommandSchema>;
/** What callers send: a tally-sheet command before validation. */
export type TallyCommandInput = z.input<typeof TallyCommandSchema>;
