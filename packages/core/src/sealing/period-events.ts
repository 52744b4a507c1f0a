import type { ConsistencyFrom } from '../merkle/deletion-proofs.js';
import type { SheetCoordinates } from '../tally/events.js';
import type { SheetTables } from '../tally/sheet-tables.js';
import type { VoidReason } from '../tally/void-reasons.js';

/** A sheet was opened in the period (private, in the period's registry: which intervention and unit, and its stream). */
export interface SheetRegistered {
  readonly type: 'SheetRegistered';
  readonly data: SheetCoordinates & { readonly stream: string };
}

/** The registry was closed for sealing: no new sheet is opened in the period (private). */
export interface RegistryClosed {
  readonly type: 'RegistryClosed';
  readonly data: { readonly period: string };
}

/**
 * A series was opened this month (private, padded as a sheet's registration): its opening is
 * dated by nothing in clear — the seal indexes the month's series in one batch.
 */
export interface SeriesRegistered {
  readonly type: 'SeriesRegistered';
  readonly data: { readonly period: string; readonly series: string };
}

/** Events of a period's registry stream. */
export type RegistryEvent = SheetRegistered | SeriesRegistered | RegistryClosed;

/** One sheet's aggregate: what stays of its detail once the period is sealed. */
export interface SealedSheet {
  readonly interventionId: string;
  readonly unitId: string;
  /** The catalogue versions its tallies were checked against. */
  readonly catalogueVersions: readonly string[];
  readonly tables: SheetTables;
}

/**
 * Sealed sheets' tables (public: this is the aggregate), sorted by intervention and unit and
 * written before {@link PeriodSealed}, in as many events as their size needs — never one event
 * per sheet in the order sheets were closed, which would map keyed stream names to coordinates.
 */
export interface SheetsSealed {
  readonly type: 'SheetsSealed';
  readonly data: { readonly period: string; readonly sheets: readonly SealedSheet[] };
}

/**
 * What the seal keeps of a deleted stream: its name, size and last chain hash (hex), so the
 * history stays verifiable — and, for the log's Merkle tree, the stream tree's final root and a
 * consistency proof from every size a signed checkpoint committed to (see `deletionProofs`).
 */
export interface DeletedStream {
  readonly stream: string;
  readonly size: number;
  readonly head: string;
  /** The root (hex) of the stream's Merkle tree at `size`; absent in seals written before the log tree. */
  readonly root?: string;
  /** Consistency proofs from each checkpointed size to `size`. */
  readonly proofs?: readonly ConsistencyFrom[];
}

/**
 * The period is sealed: its tables are written, its detail streams and registry are deleted
 * next (listed by name, sorted, with what verification needs) and its key destroyed.
 */
export interface PeriodSealed {
  readonly type: 'PeriodSealed';
  readonly data: {
    readonly period: string;
    readonly keyId: string;
    /** How many sheets the period's `SheetsSealed` events hold. */
    readonly sheets: number;
    readonly deleted: readonly DeletedStream[];
    /**
     * SHA-256 (hex) of the canonical JSON of every sheet the `SheetsSealed` events before it hold,
     * in order: what the seal computed, so tables written by anyone else are told apart.
     * Absent in seals written before it.
     */
    readonly tables?: string;
    /**
     * HMAC-SHA-256 (hex) of the other fields (canonical JSON) under the proof subkey of the
     * operator's seal-proof key (key store slot `seal-proof`, never destroyed): a seal without a
     * valid one — written by someone without the key store — is never acted on (nothing shredded,
     * no key destroyed). Absent in seals written before it, which are not acted on again.
     */
    readonly proof?: string;
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
    /**
     * HMAC-SHA-256 (hex) under the seal-proof key's proof subkey of the other fields and of the
     * stream and revision it is written at (see `amendmentProof`): an amendment without a valid
     * one — appended by someone without the key store, or a genuine one copied — is not folded
     * into the statistics. Absent in amendments written before it.
     */
    readonly proof?: string;
  };
}

/** Events of a period's (public) stream. */
export type PeriodEvent = SheetsSealed | PeriodSealed | SheetAmended;

/** The names of the period-stream events. */
export const PERIOD_EVENT_TYPES = ['SheetsSealed', 'PeriodSealed', 'SheetAmended'] as const;
