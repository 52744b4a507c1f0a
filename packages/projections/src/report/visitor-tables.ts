import { COUNT_COLUMN, genderAxis, type InterventionLayout, periodTableIn } from './intervention-layout.js';
import { measures } from './measures.js';
import type { PeriodTableSpec } from './period-table.js';
import type { RawTable } from './report-model.js';

/** Open activities: the sessions held, and their visitors by gender. */
export function visitorTables(layout: InterventionLayout): RawTable[] {
  const { policy, catalogue, rows } = layout;
  const gender = genderAxis(catalogue);
  const iv = policy.id;
  const name = policy.name;
  const tables: RawTable[] = [];
  const table = (spec: PeriodTableSpec): void => {
    tables.push(periodTableIn(layout, spec));
  };
  if (policy.tally.visitors === undefined) return tables;
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
    columns: gender.codes.map((code) => ({ key: code, label: gender.label(code) })),
    measure: (gender) => measures.visitorGender(gender),
    totalMeasure: measures.visitors,
    prefix: `v|${iv}`,
  });
  return tables;
}
