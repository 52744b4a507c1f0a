import { z } from 'zod';

// What a period stream's events must look like to be read at all. They are plain events anyone
// who can write to the store can append: `data: null`, a sheet without tables or `deleted: 5`
// stopped every replay of the statistics, the audit's verdict and readSealedPeriod (attack 31).
// Every reader asks `isWellFormedPeriodEvent` first and leaves out (or reports) what is not.

const Cells = z.record(z.string(), z.number());
const Table = z.record(z.string(), Cells);

const SheetTablesShape = z.object({
  contacts: z.number(),
  marginals: Table,
  listMarginals: Table.optional(),
  crossTabulations: Table,
  groupMeetings: z.number(),
  participants: z.object({ adults: Cells, children: Cells }),
  visitorSessions: z.number(),
  visitors: Cells,
  voided: z.number(),
  seriesLengths: Cells,
});

const SealedSheetShape = z.object({
  interventionId: z.string(),
  unitId: z.string(),
  catalogueVersions: z.array(z.string()),
  tables: SheetTablesShape,
});

const SHAPES: Readonly<Record<string, z.ZodType>> = {
  SheetsSealed: z.object({ period: z.string(), sheets: z.array(SealedSheetShape) }),
  PeriodSealed: z.object({
    period: z.string(),
    keyId: z.string(),
    sheets: z.number(),
    deleted: z.array(z.object({ stream: z.string(), size: z.number(), head: z.string() })),
    tables: z.string().optional(),
    proof: z.string().optional(),
  }),
  SheetAmended: z.object({
    interventionId: z.string(),
    unitId: z.string(),
    period: z.string(),
    catalogueVersion: z.string(),
    reason: z.string(),
    delta: SheetTablesShape,
    proof: z.string().optional(),
  }),
};

/**
 * Whether a period-stream event (`SheetsSealed`, `PeriodSealed`, `SheetAmended`) has the shape
 * the library writes; other types are not judged here (`true`).
 */
export function isWellFormedPeriodEvent(type: string, data: unknown): boolean {
  if (!Object.hasOwn(SHAPES, type)) return true;
  return (SHAPES[type] as z.ZodType).safeParse(data).success;
}
