import {
  CONTACT_UNIT_LABELS,
  dimensionValueLabel,
  dimensionValues,
  findDimension,
  type LocalizedText,
} from '@pinnstatistik/core';
import { COUNT_COLUMN, type InterventionLayout, periodTableIn } from './intervention-layout.js';
import { measures } from './measures.js';
import type { PeriodTableSpec } from './period-table.js';
import type { RawTable } from './report-model.js';
import { tableOf } from './table-of.js';

/**
 * The contact tables: the count, one table per dimension (every category, zeros included), the
 * people a contact lists (row 11's children) in a table of their own, and the declared
 * cross-tabulations.
 */
export function contactTables(layout: InterventionLayout): RawTable[] {
  const allMonths = layout.allMonths;
  const { policy, catalogue, rows } = layout;
  const iv = policy.id;
  const name = policy.name;
  const tables: RawTable[] = [];
  const table = (spec: PeriodTableSpec): void => {
    tables.push(periodTableIn(layout, spec));
  };
  const contact = policy.tally.contact;
  if (contact === undefined) return tables;
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
      periodTableIn(layout, {
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
      tableOf(layout.context, {
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
  return tables;
}
