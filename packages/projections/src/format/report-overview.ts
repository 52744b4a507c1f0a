import type { Language, LocalizedText } from '@pinnstatistik/core';
import type { Axis } from '../report/report-model.js';
import type { DocumentCell, DocumentTable, ReportDocument } from './report-document.js';

/** What the overview needs to know of an intervention (a `ReportIntervention` is one). */
export interface OverviewIntervention {
  readonly interventionId: string;
  readonly sourceRow?: number;
  readonly name: LocalizedText;
  readonly units: readonly { readonly id: string; readonly name: LocalizedText }[];
  readonly headline?: { readonly prefix: string; readonly counts: LocalizedText };
}

/** What the overview is read from (a `StatisticsReport` is one). */
export interface OverviewSource {
  readonly interventions: readonly OverviewIntervention[];
  /** Interventions the report leaves out, and why: listed in the overview in catalogue order. */
  readonly excluded?: readonly (OverviewIntervention & { readonly reason: LocalizedText })[];
  readonly periods: readonly Axis[];
  readonly comparisonPeriod?: Axis;
  readonly document: ReportDocument;
}

/** One intervention in the overview: its headline count per period and in total, as published. */
export interface OverviewRow {
  readonly interventionId: string;
  /** `11. Råd och stöd (Familj- och ungdomsteamet, Mötesplats, Mottaget MY)`. */
  readonly label: LocalizedText;
  /** What is counted (`samtal`, `deltagare`, `besökare`). */
  readonly counts: LocalizedText | undefined;
  /** Why the report leaves it out (exempt, or documented in a case record); then it has no figures. */
  readonly excluded?: LocalizedText;
  /** Set on a row of the per-unit breakdown: the unit, under its intervention's row. */
  readonly unit?: { readonly id: string; readonly name: LocalizedText };
  /** One per period of the report; undefined when the intervention tallies nothing. */
  readonly cells: readonly (DocumentCell | undefined)[];
  readonly total: DocumentCell | undefined;
}

/** The change of a published count from the period before, worked out from published figures only. */
export type Change =
  | { readonly kind: 'published'; readonly difference: number; readonly percent?: number }
  /** One of the two figures is suppressed (`..`): so is the change. */
  | { readonly kind: 'suppressed' }
  /** The intervention tallies nothing to compare. */
  | { readonly kind: 'none' };

/** One intervention compared: the last period and the one before it, and the change. */
export interface ComparisonRow {
  readonly interventionId: string;
  readonly label: LocalizedText;
  readonly counts: LocalizedText | undefined;
  readonly previous: DocumentCell | undefined;
  readonly current: DocumentCell | undefined;
  readonly change: Change;
}

/** The report's first table: every intervention by period, and optionally the comparison. */
export interface ReportOverview {
  readonly periods: readonly Axis[];
  readonly rows: readonly OverviewRow[];
  /** With a comparison period: the last period against the one before it. */
  readonly comparison?: {
    readonly previous: Axis;
    readonly current: Axis;
    readonly rows: readonly ComparisonRow[];
  };
}

/**
 * An intervention's name with its catalogue row and its units, the way the report names it
 * everywhere: `11. Råd och stöd – Familj- och ungdomsteamet, Mötesplats, Mottaget MY` (a unit
 * named like the intervention is not repeated).
 */
export function interventionLabel(
  intervention: Pick<OverviewIntervention, 'sourceRow' | 'name' | 'units'>,
  lang: Language,
): string {
  const row = intervention.sourceRow === undefined ? '' : `${intervention.sourceRow}. `;
  const name = intervention.name[lang];
  const units = intervention.units
    .map((unit) => unit.name[lang])
    .filter((unit) => unit !== name)
    .join(', ');
  return `${row}${name}${units === '' ? '' : ` – ${units}`}`;
}

function publishedByKey(tables: readonly DocumentTable[]): Map<string, DocumentCell> {
  const cells = new Map<string, DocumentCell>();
  for (const table of tables)
    for (const cell of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
      cells.set(cell.key, cell);
  return cells;
}

/** The change from `previous` to `current`: only ever from the two published figures. */
export function changeBetween(previous: DocumentCell | undefined, current: DocumentCell | undefined): Change {
  if (previous === undefined || current === undefined) return { kind: 'none' };
  if (previous.suppressed || current.suppressed) return { kind: 'suppressed' };
  const difference = current.value - previous.value;
  return previous.value === 0
    ? { kind: 'published', difference }
    : { kind: 'published', difference, percent: Math.round((difference / previous.value) * 100) };
}

/**
 * The overview of a report: per intervention (numbered by its catalogue row, named with its
 * units) its headline count for every period and in total — followed, where the per-unit
 * breakdown is published, by one row per unit. Every figure is taken from the
 * published document by its quantity key — the very figure the intervention's own tables show,
 * protected with them; nothing is computed from unprotected counts. With a comparison period,
 * the last period is compared with the one before it, the change worked out from the two
 * published figures (suppressed when either is).
 */
export function reportOverview(source: OverviewSource): ReportOverview {
  const published = publishedByKey(source.document.tables);
  const label = (intervention: OverviewIntervention): LocalizedText => ({
    sv: interventionLabel(intervention, 'sv'),
    en: interventionLabel(intervention, 'en'),
  });
  const figure = (intervention: OverviewIntervention, period: string): DocumentCell | undefined =>
    intervention.headline === undefined
      ? undefined
      : published.get(`${intervention.headline.prefix}|${period}`);
  const included: OverviewRow[] = source.interventions.map((intervention) => ({
    interventionId: intervention.interventionId,
    label: label(intervention),
    counts: intervention.headline?.counts,
    cells: source.periods.map((period) => figure(intervention, period.key)),
    total: figure(intervention, '*'),
  }));
  const excluded: OverviewRow[] = (source.excluded ?? []).map((intervention) => ({
    interventionId: intervention.interventionId,
    label: label(intervention),
    counts: undefined,
    excluded: intervention.reason,
    cells: source.periods.map(() => undefined),
    total: undefined,
  }));
  const row = (id: string): number =>
    [...source.interventions, ...(source.excluded ?? [])].find((entry) => entry.interventionId === id)
      ?.sourceRow ?? Number.MAX_SAFE_INTEGER;
  // Catalogue order (stable: interventions without a row keep their place after the numbered ones).
  const ordered = [...included, ...excluded].sort((a, b) => row(a.interventionId) - row(b.interventionId));
  const tables = new Map(source.document.tables.map((table) => [table.id, table]));
  // With the per-unit breakdown published, each unit's figures follow its intervention's row.
  const rows = ordered.flatMap((entry) => {
    const intervention = source.interventions.find((item) => item.interventionId === entry.interventionId);
    const prefix = intervention?.headline?.prefix;
    const byUnit = tables.get(`${entry.interventionId}/by-unit`);
    if (intervention === undefined || prefix === undefined || byUnit === undefined) return [entry];
    return [
      entry,
      ...byUnit.columns.map((column) => ({
        interventionId: entry.interventionId,
        label: column.label,
        counts: entry.counts,
        unit: { id: column.key, name: column.label },
        cells: source.periods.map((period) => published.get(`${prefix}|${period.key}|unit=${column.key}`)),
        total: published.get(`${prefix}|*|unit=${column.key}`),
      })),
    ];
  });
  const current = source.periods.at(-1);
  const previous = source.periods.length > 1 ? source.periods.at(-2) : source.comparisonPeriod;
  if (source.comparisonPeriod === undefined || current === undefined || previous === undefined)
    return { periods: source.periods, rows };
  return {
    periods: source.periods,
    rows,
    comparison: {
      previous,
      current,
      rows: source.interventions.map((intervention) => {
        const before = figure(intervention, previous.key);
        const now = figure(intervention, current.key);
        return {
          interventionId: intervention.interventionId,
          label: label(intervention),
          counts: intervention.headline?.counts,
          previous: before,
          current: now,
          change: changeBetween(before, now),
        };
      }),
    },
  };
}
