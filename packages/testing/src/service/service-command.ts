import type {
  AdoptCatalogueInput,
  AmendSheet,
  CloseSeries,
  OpenedSeries,
  OpenSeries,
  Receipt,
  RecordSession,
  SealPeriod,
  SealReport,
  SeriesClosing,
  TallyCommandInput,
  TallyReceipt,
  WorkingNote,
  WriteNote,
} from '@pinnstatistik/core';

/** Seal a period (`YYYY-MM`): its tables written, its detail deleted, its key destroyed. */
export type SealPeriodCommand = SealPeriod;
/** Open a series for an intervention and unit. */
export type OpenSeriesCommand = OpenSeries;
/** Record one contact of a series. */
export type RecordSessionCommand = RecordSession;
/** Write a working note on a series. */
export type WriteNoteCommand = WriteNote;
/** Read a series' working notes back (a query, dispatched by this `type`). */
export interface ReadNotesCommand {
  readonly type: 'ReadNotes';
  readonly token: string;
}
/** Close a series (its notes destroyed with its key). */
export type CloseSeriesCommand = CloseSeries;
/** Close every series idle past the retention, as of the scenario's today. */
export interface ExpireSeriesCommand {
  readonly type: 'ExpireSeries';
}

/**
 * Everything the command service does, as one command union with a `type`, so a scenario
 * reads the same for every process: tallies, catalogue adoption, sealing, amendments,
 * series and working notes.
 */
export type ServiceCommand =
  | AdoptCatalogueInput
  | TallyCommandInput
  | SealPeriodCommand
  | AmendSheet
  | OpenSeriesCommand
  | RecordSessionCommand
  | WriteNoteCommand
  | ReadNotesCommand
  | CloseSeriesCommand
  | ExpireSeriesCommand;

/** What the service answers to each command type when it accepts it. */
export interface ServiceResults {
  readonly AdoptCatalogue: Receipt;
  readonly TallyContact: TallyReceipt;
  readonly TallyGroupMeeting: TallyReceipt;
  readonly TallyVisitors: TallyReceipt;
  readonly VoidTally: TallyReceipt;
  readonly SealPeriod: SealReport;
  readonly AmendSheet: Receipt;
  readonly OpenSeries: OpenedSeries;
  readonly RecordSession: TallyReceipt;
  readonly WriteNote: Receipt;
  readonly ReadNotes: readonly WorkingNote[];
  readonly CloseSeries: SeriesClosing;
  readonly ExpireSeries: { readonly expired: number; readonly open: number };
}

/** The result of a command by its `type` (`unknown` for an input that is not a known command). */
export type ResultOf<Command> = Command extends { readonly type: infer Type }
  ? Type extends keyof ServiceResults
    ? ServiceResults[Type]
    : unknown
  : unknown;

/** Input for `when`: a command, or anything untrusted with a `type` (refusals are what it tests). */
export type UntrustedCommand = { readonly type: string } & Readonly<Record<string, unknown>>;
