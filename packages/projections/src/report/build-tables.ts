import {
  type Catalogue,
  CONTACT_UNIT_LABELS,
  catalogueInForceOn,
  createTablesAccumulator,
  crossTabulationKey,
  dimensionValueLabel,
  dimensionValues,
  findDimension,
  type InterventionPolicy,
  type LocalizedText,
  type SheetTables,
} from '@pinnstatistik/core';
import type { CubeSheet } from '../cube/statistics-cube.js';
import { bucketLabel, bucketOf, bucketsBetween } from './period-buckets.js';
import type { Axis, Quantity, RawTable } from './report-model.js';
import type { ReportOptions } from './report-options.js';

/** One intervention's raw tables, before disclosure control. */
export interface InterventionTables {
  readonly policy: InterventionPolicy;
  readonly tables: readonly RawTable[];
  /** Corrections applied: tallies voided, amendments after sealing; and how the sheets were read. */
  readonly corrections: { readonly voided: number; readonly amendments: number };
  readonly sheets: { readonly sealed: number; readonly open: number };
}

const sum = (tables: readonly SheetTables[]) => {
  const accumulator = createTablesAccumulator(() => []);
  for (const table of tables) accumulator.addTables(table);
  return accumulator.tables();
};

const PERIOD_HEADER: LocalizedText = { sv: 'Period', en: 'Period' };

interface TableSpec {
  readonly id: string;
  readonly title: LocalizedText;
  readonly rowHeader: LocalizedText;
  readonly columnHeader: LocalizedText;
  readonly rows: readonly Axis[];
  readonly columns: readonly Axis[];
  readonly value: (row: string, column: string) => number;
  /** Quantity keys: a cell's, a row total's, a column total's, the grand total's. */
  readonly keys: {
    cell(row: string, column: string): string;
    row(row: string): string;
    column(column: string): string;
    total: string;
  };
}

function tableOf(interventionId: string, spec: TableSpec): RawTable {
  const cells = spec.rows.map((row) =>
    spec.columns.map(
      (column): Quantity => ({
        key: spec.keys.cell(row.key, column.key),
        value: spec.value(row.key, column.key),
      }),
    ),
  );
  const rowTotals = spec.rows.map((row, index) => ({
    key: spec.keys.row(row.key),
    value: (cells[index] ?? []).reduce((total, cell) => total + cell.value, 0),
  }));
  const columnTotals = spec.columns.map((column, index) => ({
    key: spec.keys.column(column.key),
    value: cells.reduce((total, row) => total + (row[index]?.value ?? 0), 0),
  }));
  return {
    id: spec.id,
    interventionId,
    title: spec.title,
    rowHeader: spec.rowHeader,
    columnHeader: spec.columnHeader,
    rows: spec.rows,
    columns: spec.columns,
    cells,
    rowTotals,
    columnTotals,
    total: { key: spec.keys.total, value: rowTotals.reduce((total, row) => total + row.value, 0) },
  };
}

/** A one-column table (a count per period): its cells are its row totals. */
function countTable(
  interventionId: string,
  id: string,
  title: LocalizedText,
  rows: readonly Axis[],
  prefix: string,
  value: (bucket: string) => number,
): RawTable {
  return tableOf(interventionId, {
    id,
    title,
    rowHeader: PERIOD_HEADER,
    columnHeader: title,
    rows,
    columns: [{ key: 'count', label: { sv: 'Antal', en: 'Count' } }],
    value: (row) => value(row),
    keys: {
      cell: (row) => `${prefix}|${row}`,
      row: (row) => `${prefix}|${row}`,
      column: () => `${prefix}|*`,
      total: `${prefix}|*`,
    },
  });
}

function nonzero(values: readonly string[], total: (value: string) => number): string[] {
  return values.filter((value) => total(value) !== 0);
}

/** Builds every table the policy allows for one intervention from its sheets in the range. */
function interventionTables(
  policy: InterventionPolicy,
  catalogue: Catalogue,
  sheets: readonly CubeSheet[],
  options: ReportOptions,
): InterventionTables {
  const iv = policy.id;
  const buckets = bucketsBetween(options.from, options.to, options.granularity);
  const rows: Axis[] = buckets.map((bucket) => ({ key: bucket, label: bucketLabel(bucket) }));
  const byBucket = new Map(
    buckets.map((bucket) => [
      bucket,
      sum(
        sheets
          .filter((sheet) => bucketOf(sheet.period, options.granularity) === bucket)
          .map((sheet) => sheet.tables),
      ),
    ]),
  );
  const all = sum(sheets.map((sheet) => sheet.tables));
  const at = (bucket: string): SheetTables => byBucket.get(bucket) as SheetTables;
  const tables: RawTable[] = [];
  const name = policy.name;

  const contact = policy.tally.contact;
  if (contact !== undefined) {
    const unit = CONTACT_UNIT_LABELS[contact.countedAs];
    const contactsTitle: LocalizedText = {
      sv: `${name.sv}: antal ${unit.sv}`,
      en: `${name.en}: number of ${unit.en}`,
    };
    tables.push(
      countTable(iv, `${iv}/contacts`, contactsTitle, rows, `c|${iv}`, (bucket) => at(bucket).contacts),
    );
    for (const dimensionId of contact.dimensions) {
      const dimension = findDimension(catalogue, dimensionId);
      if (dimension === undefined) continue;
      const values = nonzero(
        dimensionValues(dimension, catalogue),
        (value) => all.marginals[dimensionId]?.[value] ?? 0,
      );
      tables.push(
        tableOf(iv, {
          id: `${iv}/contacts/${dimensionId}`,
          title: { sv: `${name.sv}: ${dimension.label.sv}`, en: `${name.en}: ${dimension.label.en}` },
          rowHeader: PERIOD_HEADER,
          columnHeader: dimension.label,
          rows,
          columns: values.map((value) => ({
            key: value,
            label: dimensionValueLabel(dimension, value, catalogue),
          })),
          value: (bucket, value) => at(bucket).marginals[dimensionId]?.[value] ?? 0,
          keys: {
            cell: (bucket, value) => `c|${iv}|${bucket}|${dimensionId}=${value}`,
            row: (bucket) => `c|${iv}|${bucket}`,
            column: (value) => `c|${iv}|*|${dimensionId}=${value}`,
            total: `c|${iv}|*`,
          },
        }),
      );
    }
    for (const pair of contact.crossTabulations) {
      const [a, b] = [findDimension(catalogue, pair[0]), findDimension(catalogue, pair[1])];
      if (a === undefined || b === undefined) continue;
      const key = crossTabulationKey(pair);
      const aValues = nonzero(dimensionValues(a, catalogue), (value) => all.marginals[a.id]?.[value] ?? 0);
      const bValues = nonzero(dimensionValues(b, catalogue), (value) => all.marginals[b.id]?.[value] ?? 0);
      tables.push(
        tableOf(iv, {
          id: `${iv}/contacts/${a.id}x${b.id}`,
          title: {
            sv: `${name.sv}: ${a.label.sv} × ${b.label.sv}`,
            en: `${name.en}: ${a.label.en} × ${b.label.en}`,
          },
          rowHeader: a.label,
          columnHeader: b.label,
          rows: aValues.map((value) => ({ key: value, label: dimensionValueLabel(a, value, catalogue) })),
          columns: bValues.map((value) => ({ key: value, label: dimensionValueLabel(b, value, catalogue) })),
          value: (va, vb) => all.crossTabulations[key]?.[`${va}|${vb}`] ?? 0,
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
  if (policy.series !== undefined) {
    const lengths = Object.keys(all.seriesLengths)
      .filter((length) => (all.seriesLengths[length] ?? 0) !== 0)
      .sort((x, y) => Number(x) - Number(y));
    if (lengths.length > 0) {
      tables.push(
        tableOf(iv, {
          id: `${iv}/series-lengths`,
          title: {
            sv: `${name.sv}: avslutade serier efter antal kontakter`,
            en: `${name.en}: ended series by number of contacts`,
          },
          rowHeader: PERIOD_HEADER,
          columnHeader: { sv: 'Antal kontakter', en: 'Contacts in the series' },
          rows,
          columns: lengths.map((length) => ({ key: length, label: { sv: length, en: length } })),
          value: (bucket, length) => at(bucket).seriesLengths[length] ?? 0,
          keys: {
            cell: (bucket, length) => `s|${iv}|${bucket}|${length}`,
            row: (bucket) => `s|${iv}|${bucket}`,
            column: (length) => `s|${iv}|*|${length}`,
            total: `s|${iv}|*`,
          },
        }),
      );
    }
  }
  const meeting = policy.tally.groupMeeting;
  const genders = (catalogue.codeLists.gender?.codes ?? []).map((code) => code.code);
  const genderLabel = (code: string): LocalizedText =>
    catalogue.codeLists.gender?.codes.find((entry) => entry.code === code)?.label ?? { sv: code, en: code };
  if (meeting !== undefined) {
    tables.push(
      countTable(
        iv,
        `${iv}/meetings`,
        { sv: `${name.sv}: antal träffar`, en: `${name.en}: meetings` },
        rows,
        `m|${iv}`,
        (bucket) => at(bucket).groupMeetings,
      ),
    );
    const groupLabel = {
      adults: { sv: 'Vuxna', en: 'Adults' },
      children: { sv: 'Barn', en: 'Children' },
    } as const;
    const columns = meeting.participants.flatMap((group) =>
      genders
        .filter((gender) => (all.participants[group][gender] ?? 0) !== 0)
        .map((gender) => ({ group, gender })),
    );
    tables.push(
      tableOf(iv, {
        id: `${iv}/participants`,
        title: { sv: `${name.sv}: deltagare`, en: `${name.en}: participants` },
        rowHeader: PERIOD_HEADER,
        columnHeader: { sv: 'Deltagare', en: 'Participants' },
        rows,
        columns: columns.map(({ group, gender }) => ({
          key: `${group}:${gender}`,
          label: {
            sv: `${groupLabel[group].sv}, ${genderLabel(gender).sv}`,
            en: `${groupLabel[group].en}, ${genderLabel(gender).en}`,
          },
        })),
        value: (bucket, column) => {
          const [group, gender] = column.split(':') as ['adults' | 'children', string];
          return at(bucket).participants[group][gender] ?? 0;
        },
        keys: {
          cell: (bucket, column) => `p|${iv}|${bucket}|${column}`,
          row: (bucket) => `p|${iv}|${bucket}`,
          column: (column) => `p|${iv}|*|${column}`,
          total: `p|${iv}|*`,
        },
      }),
    );
  }
  if (policy.tally.visitors !== undefined) {
    tables.push(
      countTable(
        iv,
        `${iv}/visitor-sessions`,
        { sv: `${name.sv}: öppethållna tillfällen`, en: `${name.en}: sessions held` },
        rows,
        `vs|${iv}`,
        (bucket) => at(bucket).visitorSessions,
      ),
    );
    const columns = genders.filter((gender) => (all.visitors[gender] ?? 0) !== 0);
    tables.push(
      tableOf(iv, {
        id: `${iv}/visitors`,
        title: { sv: `${name.sv}: besökare`, en: `${name.en}: visitors` },
        rowHeader: PERIOD_HEADER,
        columnHeader: catalogue.codeLists.gender?.label ?? { sv: 'Kön', en: 'Gender' },
        rows,
        columns: columns.map((gender) => ({ key: gender, label: genderLabel(gender) })),
        value: (bucket, gender) => at(bucket).visitors[gender] ?? 0,
        keys: {
          cell: (bucket, gender) => `v|${iv}|${bucket}|${gender}`,
          row: (bucket) => `v|${iv}|${bucket}`,
          column: (gender) => `v|${iv}|*|${gender}`,
          total: `v|${iv}|*`,
        },
      }),
    );
  }
  return {
    policy,
    tables,
    corrections: {
      voided: all.voided,
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
      sheet.period >= options.from &&
      sheet.period <= options.to &&
      (options.units === undefined || options.units.includes(sheet.unitId)),
  );
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
        selected.filter((sheet) => sheet.interventionId === policy.id),
        options,
      ),
    );
  return { catalogue, interventions };
}
