import { type InterventionPolicy, talliesSeriesLengths } from '@pinnstatistik/core';
import { type InterventionLayout, periodTableIn } from './intervention-layout.js';
import { measures } from './measures.js';
import type { Axis, RawTable } from './report-model.js';

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

/** Ended series by their number of contacts, where the policy counts sessions. */
export function seriesLengthTables(layout: InterventionLayout): RawTable[] {
  const { policy, rows } = layout;
  const iv = policy.id;
  const name = policy.name;
  // Not where the source counts no sessions (Rörligt elevstöd keeps series for its notes only).
  if (!talliesSeriesLengths(policy)) return [];
  return [
    periodTableIn(layout, {
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
    }),
  ];
}
