import {
  type Catalogue,
  CONTACT_UNIT_LABELS,
  catalogueInForceOn,
  dimensionValueLabel,
  dimensionValues,
  findDimension,
  type InterventionPolicy,
  type LocalizedText,
  talliesSeriesLengths,
} from '@pinnstatistik/core';
import type { CubeSheet } from '../cube/statistics-cube.js';
import { type BaseCells, createBaseCells } from './base-cells.js';
import { comparisonBucket, coveredFrom } from './covered-range.js';
import { type Headline, headlineOf } from './headline.js';
import { previousPeriodTable, unitTable } from './headline-tables.js';
import { measures } from './measures.js';
import { bucketLabel, bucketOf, monthsBetween } from './period-buckets.js';
import type { Axis, Quantity, QuantitySupport, RawTable } from './report-model.js';
import type { ReportOptions } from './report-options.js';

/** One intervention's raw tables, before disclosure control. */
export interface InterventionTables {
  readonly policy: InterventionPolicy;
  readonly tables: readonly RawTable[];
  /** Corrections applied: tallies voided, amendments after sealing; and how the sheets were read. */
  readonly corrections: { readonly voided: number; readonly amendments: number };
  readonly sheets: { readonly sealed: number; readonly open: number };
  /** The count the overview, the per-unit breakdown and the comparison show (none: it tallies nothing). */
  readonly headline?: Headline;
}

const PERIOD_HEADER: LocalizedText = { sv: 'Period', en: 'Period' };

/** Where a table's quantities come from: one support each, and one key each. */
interface TableSpec {
  readonly id: string;
  readonly title: LocalizedText;
  readonly rowHeader: LocalizedText;
  readonly columnHeader: LocalizedText;
  readonly rows: readonly Axis[];
  readonly columns: readonly Axis[];
  /** Supports (months and measure) of a cell, a row total, a column total and the grand total. */
  readonly supports: {
    cell(row: string, column: string): Support;
    row(row: string): Support;
    column(column: string): Support;
    total: Support;
  };
  /** Quantity keys of the same four. */
  readonly keys: {
    cell(row: string, column: string): string;
    row(row: string): string;
    column(column: string): string;
    total: string;
  };
}

/** A support without its intervention and units (the table adds them). */
type Support = { readonly months: readonly string[]; readonly measure: string };

interface Context {
  readonly interventionId: string;
  readonly units: readonly string[] | undefined;
  readonly base: BaseCells;
}

/** The cells' values come from their supports; totals are the cells' sums (so every table adds up). */
function tableOf(context: Context, spec: TableSpec): RawTable {
  const support = (part: Support): QuantitySupport => ({
    interventionId: context.interventionId,
    months: part.months,
    ...(context.units === undefined ? {} : { units: context.units }),
    measure: part.measure,
  });
  const cells = spec.rows.map((row) =>
    spec.columns.map((column): Quantity => {
      const cellSupport = support(spec.supports.cell(row.key, column.key));
      return {
        key: spec.keys.cell(row.key, column.key),
        value: context.base.value(cellSupport),
        support: cellSupport,
      };
    }),
  );
  const rowTotals = spec.rows.map(
    (row, index): Quantity => ({
      key: spec.keys.row(row.key),
      value: (cells[index] ?? []).reduce((total, cell) => total + cell.value, 0),
      support: support(spec.supports.row(row.key)),
    }),
  );
  const columnTotals = spec.columns.map(
    (column, index): Quantity => ({
      key: spec.keys.column(column.key),
      value: cells.reduce((total, row) => total + (row[index]?.value ?? 0), 0),
      support: support(spec.supports.column(column.key)),
    }),
  );
  return {
    id: spec.id,
    interventionId: context.interventionId,
    title: spec.title,
    rowHeader: spec.rowHeader,
    columnHeader: spec.columnHeader,
    rows: spec.rows,
    columns: spec.columns,
    cells,
    rowTotals,
    columnTotals,
    total: {
      key: spec.keys.total,
      value: rowTotals.reduce((total, row) => total + row.value, 0),
      support: support(spec.supports.total),
    },
  };
}

/** Periods as rows, one column per category: the shape of every table but the cross-tabulations. */
function periodTable(
  context: Context,
  buckets: ReadonlyMap<string, readonly string[]>,
  allMonths: readonly string[],
  spec: {
    readonly id: string;
    readonly title: LocalizedText;
    readonly columnHeader: LocalizedText;
    readonly rows: readonly Axis[];
    readonly columns: readonly Axis[];
    /** The measure of a column, and of the row totals. */
    readonly measure: (column: string) => string;
    readonly totalMeasure: string;
    readonly prefix: string;
    /** How a column appears in its quantities' keys (default: its key). */
    readonly keyPart?: (column: string) => string;
    /** One-column count tables: the cell is the row total (one key). */
    readonly count?: boolean;
  },
): RawTable {
  const months = (bucket: string): readonly string[] => buckets.get(bucket) ?? [];
  const { prefix } = spec;
  const part = spec.keyPart ?? ((column: string) => column);
  return tableOf(context, {
    id: spec.id,
    title: spec.title,
    rowHeader: PERIOD_HEADER,
    columnHeader: spec.columnHeader,
    rows: spec.rows,
    columns: spec.columns,
    supports: {
      cell: (bucket, column) => ({ months: months(bucket), measure: spec.measure(column) }),
      row: (bucket) => ({ months: months(bucket), measure: spec.totalMeasure }),
      column: (column) => ({ months: allMonths, measure: spec.measure(column) }),
      total: { months: allMonths, measure: spec.totalMeasure },
    },
    keys:
      spec.count === true
        ? {
            cell: (bucket) => `${prefix}|${bucket}`,
            row: (bucket) => `${prefix}|${bucket}`,
            column: () => `${prefix}|*`,
            total: `${prefix}|*`,
          }
        : {
            cell: (bucket, column) => `${prefix}|${bucket}|${part(column)}`,
            row: (bucket) => `${prefix}|${bucket}`,
            column: (column) => `${prefix}|*|${part(column)}`,
            total: `${prefix}|*`,
          },
  });
}

const COUNT_COLUMN: readonly Axis[] = [{ key: 'count', label: { sv: 'Antal', en: 'Count' } }];

/** Series lengths are top-coded: 1 … L − 1 and "L or more", L the policy's maximum (else 10). */
function seriesLengthColumns(policy: InterventionPolicy): Axis[] {
  const top = Math.max(policy.series?.maxContacts ?? 10, 1);
  const columns: Axis[] = Array.from({ length: top - 1 }, (_, index) => ({
    key: String(index + 1),
    label: { sv: String(index + 1), en: String(index + 1) },
  }));
  columns.push({ key: `${top}+`, label: { sv: `${top} eller fler`, en: `${top} or more` } });
  return columns;
}

/**
 * Builds every table the policy allows for one intervention. Every category of every code list
 * is a row or column, zeros included, and every table the policy allows is there whatever the
 * data: which categories and tables exist tells nothing about who was counted.
 */
function interventionTables(
  policy: InterventionPolicy,
  catalogue: Catalogue,
  sheets: readonly CubeSheet[],
  base: BaseCells,
  options: ReportOptions,
): InterventionTables {
  const iv = policy.id;
  const context: Context = {
    interventionId: iv,
    units: options.units === undefined ? undefined : [...new Set(options.units)].sort(),
    base,
  };
  const allMonths = monthsBetween(options.from, options.to);
  const buckets = new Map<string, string[]>();
  for (const month of allMonths) {
    const bucket = bucketOf(month, options.granularity);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), month]);
  }
  const rows: Axis[] = [...buckets.keys()].map((bucket) => ({ key: bucket, label: bucketLabel(bucket) }));
  const tables: RawTable[] = [];
  const name = policy.name;
  const table = (spec: Parameters<typeof periodTable>[3]): void => {
    tables.push(periodTable(context, buckets, allMonths, spec));
  };

  const contact = policy.tally.contact;
  if (contact !== undefined) {
    const unit = CONTACT_UNIT_LABELS[contact.countedAs];
    const contactsTitle: LocalizedText = {
      sv: `${name.sv}: antal ${unit.sv}`,
      en: `${name.en}: number of ${unit.en}`,
    };
    table({
      id: `${iv}/contacts`,
      title: contactsTitle,
      columnHeader: contactsTitle,
      rows,
      columns: COUNT_COLUMN,
      measure: () => measures.contacts,
      totalMeasure: measures.contacts,
      prefix: `c|${iv}`,
      count: true,
    });
    for (const dimensionId of contact.dimensions) {
      const dimension = findDimension(catalogue, dimensionId);
      if (dimension === undefined) continue;
      if (dimension.kind === 'age-list') {
        // The ages of everyone a contact concerns (row 11's children): a table of its own that
        // counts the people listed, so the contact tables still add up to the contacts.
        table({
          id: `${iv}/listed/${dimensionId}`,
          title: {
            sv: `${name.sv}: ${dimension.label.sv} (antal ${dimension.counts.sv})`,
            en: `${name.en}: ${dimension.label.en} (number of ${dimension.counts.en})`,
          },
          columnHeader: dimension.label,
          rows,
          columns: dimensionValues(dimension, catalogue).map((value) => ({
            key: value,
            label: dimensionValueLabel(dimension, value, catalogue),
          })),
          measure: (value) => measures.listed(dimensionId, value),
          keyPart: (value) => `${dimensionId}=${value}`,
          totalMeasure: measures.listedTotal(dimensionId),
          prefix: `l|${iv}`,
        });
        continue;
      }
      tables.push(
        periodTable(context, buckets, allMonths, {
          id: `${iv}/contacts/${dimensionId}`,
          title: { sv: `${name.sv}: ${dimension.label.sv}`, en: `${name.en}: ${dimension.label.en}` },
          columnHeader: dimension.label,
          rows,
          columns: dimensionValues(dimension, catalogue).map((value) => ({
            key: value,
            label: dimensionValueLabel(dimension, value, catalogue),
          })),
          measure: (value) => measures.marginal(dimensionId, value),
          keyPart: (value) => `${dimensionId}=${value}`,
          totalMeasure: measures.contacts,
          prefix: `c|${iv}`,
        }),
      );
    }
    for (const pair of contact.crossTabulations) {
      const [a, b] = [findDimension(catalogue, pair[0]), findDimension(catalogue, pair[1])];
      if (a === undefined || b === undefined) continue;
      tables.push(
        tableOf(context, {
          id: `${iv}/contacts/${a.id}x${b.id}`,
          title: {
            sv: `${name.sv}: ${a.label.sv} × ${b.label.sv}`,
            en: `${name.en}: ${a.label.en} × ${b.label.en}`,
          },
          rowHeader: a.label,
          columnHeader: b.label,
          rows: dimensionValues(a, catalogue).map((value) => ({
            key: value,
            label: dimensionValueLabel(a, value, catalogue),
          })),
          columns: dimensionValues(b, catalogue).map((value) => ({
            key: value,
            label: dimensionValueLabel(b, value, catalogue),
          })),
          supports: {
            cell: (va, vb) => ({ months: allMonths, measure: measures.crossTabulation(a.id, va, b.id, vb) }),
            row: (va) => ({ months: allMonths, measure: measures.marginal(a.id, va) }),
            column: (vb) => ({ months: allMonths, measure: measures.marginal(b.id, vb) }),
            total: { months: allMonths, measure: measures.contacts },
          },
          keys: {
            cell: (va, vb) => `c|${iv}|*|${a.id}=${va}&${b.id}=${vb}`,
            row: (va) => `c|${iv}|*|${a.id}=${va}`,
            column: (vb) => `c|${iv}|*|${b.id}=${vb}`,
            total: `c|${iv}|*`,
          },
        }),
      );
    }
  }
  // Not where the source counts no sessions (Rörligt elevstöd keeps series for its notes only).
  if (talliesSeriesLengths(policy)) {
    table({
      id: `${iv}/series-lengths`,
      title: {
        sv: `${name.sv}: avslutade serier efter antal kontakter`,
        en: `${name.en}: ended series by number of contacts`,
      },
      columnHeader: { sv: 'Antal kontakter', en: 'Contacts in the series' },
      rows,
      columns: seriesLengthColumns(policy),
      measure: (length) => measures.seriesLength(length),
      totalMeasure: measures.series,
      prefix: `s|${iv}`,
    });
  }
  const meeting = policy.tally.groupMeeting;
  const genders = (catalogue.codeLists.gender?.codes ?? []).map((code) => code.code);
  const genderLabel = (code: string): LocalizedText =>
    catalogue.codeLists.gender?.codes.find((entry) => entry.code === code)?.label ?? { sv: code, en: code };
  if (meeting !== undefined) {
    const meetingsTitle = { sv: `${name.sv}: antal träffar`, en: `${name.en}: meetings` };
    table({
      id: `${iv}/meetings`,
      title: meetingsTitle,
      columnHeader: meetingsTitle,
      rows,
      columns: COUNT_COLUMN,
      measure: () => measures.meetings,
      totalMeasure: measures.meetings,
      prefix: `m|${iv}`,
      count: true,
    });
    const groupLabel = {
      adults: { sv: 'Vuxna', en: 'Adults' },
      children: { sv: 'Barn', en: 'Children' },
    } as const;
    table({
      id: `${iv}/participants`,
      title: { sv: `${name.sv}: deltagare`, en: `${name.en}: participants` },
      columnHeader: { sv: 'Deltagare', en: 'Participants' },
      rows,
      columns: meeting.participants.flatMap((group) =>
        genders.map((gender) => ({
          key: `${group}:${gender}`,
          label: {
            sv: `${groupLabel[group].sv}, ${genderLabel(gender).sv}`,
            en: `${groupLabel[group].en}, ${genderLabel(gender).en}`,
          },
        })),
      ),
      measure: (column) => {
        const [group, gender] = column.split(':') as [string, string];
        return measures.participantGroup(group, gender);
      },
      totalMeasure: measures.participants,
      prefix: `p|${iv}`,
    });
  }
  if (policy.tally.visitors !== undefined) {
    const sessionsTitle = {
      sv: `${name.sv}: tillfällen då verksamheten hade öppet`,
      en: `${name.en}: sessions held`,
    };
    table({
      id: `${iv}/visitor-sessions`,
      title: sessionsTitle,
      columnHeader: sessionsTitle,
      rows,
      columns: COUNT_COLUMN,
      measure: () => measures.visitorSessions,
      totalMeasure: measures.visitorSessions,
      prefix: `vs|${iv}`,
      count: true,
    });
    table({
      id: `${iv}/visitors`,
      title: { sv: `${name.sv}: besökare`, en: `${name.en}: visitors` },
      columnHeader: catalogue.codeLists.gender?.label ?? { sv: 'Kön', en: 'Gender' },
      rows,
      columns: genders.map((gender) => ({ key: gender, label: genderLabel(gender) })),
      measure: (gender) => measures.visitorGender(gender),
      totalMeasure: measures.visitors,
      prefix: `v|${iv}`,
    });
  }
  const headline = headlineOf(policy);
  if (headline !== undefined) {
    const headlineContext = { policy, catalogue, headline, base, units: context.units };
    const byUnit = options.byUnit ? unitTable(headlineContext, buckets, allMonths) : undefined;
    if (byUnit !== undefined) tables.push(byUnit);
    const previous = comparisonBucket(options);
    if (previous !== undefined) tables.push(previousPeriodTable(headlineContext, previous));
  }
  return {
    policy,
    tables,
    ...(headline === undefined ? {} : { headline }),
    corrections: {
      voided: sheets.reduce((total, sheet) => total + sheet.tables.voided, 0),
      amendments: sheets.reduce((total, sheet) => total + sheet.amendments, 0),
    },
    sheets: {
      sealed: sheets.filter((sheet) => sheet.sealed).length,
      open: sheets.filter((sheet) => !sheet.sealed).length,
    },
  };
}

/**
 * The raw tables of a report: for every selected intervention that keeps tallies, the
 * tables its policy allows (counts, marginals per dimension, declared cross-tabulations,
 * series lengths, meetings and participants, visitors), summed over the selected units and
 * rolled up to the granularity. Labels come from the catalogue in force at the range's end.
 */
export function buildReportTables(
  sheets: Iterable<CubeSheet>,
  catalogues: readonly Catalogue[],
  options: ReportOptions,
): { catalogue: Catalogue | undefined; interventions: InterventionTables[] } {
  const catalogue = catalogueInForceOn(catalogues, `${options.to}-28`);
  if (catalogue === undefined) return { catalogue, interventions: [] };
  const selected = [...sheets].filter(
    (sheet) =>
      sheet.period >= coveredFrom(options) &&
      sheet.period <= options.to &&
      (options.units === undefined || options.units.includes(sheet.unitId)),
  );
  const base = createBaseCells(selected);
  const interventions = catalogue.interventions
    .filter(
      (policy) =>
        policy.documentation.kind === 'aggregate' ||
        policy.documentation.kind === 'aggregate-with-working-notes',
    )
    .filter((policy) => options.interventions === undefined || options.interventions.includes(policy.id))
    .map((policy) =>
      interventionTables(
        policy,
        catalogue,
        selected.filter((sheet) => sheet.interventionId === policy.id && sheet.period >= options.from),
        base,
        options,
      ),
    );
  return { catalogue, interventions };
}
