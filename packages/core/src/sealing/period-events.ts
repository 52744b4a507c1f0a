import type { SheetCoordinates } from '../tally/events.js';
import type { SheetTables } from '../tally/sheet-tables.js';
import type { VoidReason } from '../tally/void-reasons.js';

/** A sheet was opened in the period (encrypted: which intervention and unit, and its stream). */
export interface SheetRegistered {
  readonly type: 'SheetRegistered';
  readonly data: SheetCoordinates & { readonly stream: string };
}

/** A sheet's detail was summarised into its aggregate tables (in clear: this is the aggregate). */
export interface SheetSealed {
  readonly type: 'SheetSealed';
  readonly data: SheetCoordinates & {
    readonly catalogueVersions: readonly string[];
    /** How many detail events the tables summarise. */
    readonly detailEvents: number;
    readonly tables: SheetTables;
  };
}

/** Why a sealed sheet is amended: the void reasons, or a tally that came too late. */
export type AmendmentReason = VoidReason | 'late-tally' | 'series-ended-after-seal';

/** A correction of a sealed sheet: a signed delta of its tables, with a reason code. */
export interface SheetAmended {
  readonly type: 'SheetAmended';
  readonly data: SheetCoordinates & {
    readonly catalogueVersion: string;
    readonly reason: AmendmentReason;
    readonly delta: SheetTables;
  };
}

/** The period is sealed; its key is destroyed right after this is written. */
export interface PeriodSealed {
  readonly type: 'PeriodSealed';
  readonly data: { readonly period: string; readonly sheets: number; readonly keyId: string };
}

/** Events of a period's stream. */
export type PeriodEvent = SheetRegistered | SheetSealed | SheetAmended | PeriodSealed;

/** The names of the period-stream events. */
export const PERIOD_EVENT_TYPES = ['SheetRegistered', 'SheetSealed', 'SheetAmended', 'PeriodSealed'] as const;
