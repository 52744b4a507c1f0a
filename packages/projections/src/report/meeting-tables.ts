import { COUNT_COLUMN, genderAxis, type InterventionLayout, periodTableIn } from './intervention-layout.js';
import { measures } from './measures.js';
import type { PeriodTableSpec } from './period-table.js';
import type { RawTable } from './report-model.js';

const GROUP_LABEL = {
  adults: { sv: 'Vuxna', en: 'Adults' },
  children: { sv: 'Barn', en: 'Children' },
} as const;

/** Group meetings: how many were held, and their participants by group and gender. */
export function meetingTables(layout: InterventionLayout): RawTable[] {
  const { policy, catalogue, rows } = layout;
  const meeting = policy.tally.groupMeeting;
  const gender = genderAxis(catalogue);
  const iv = policy.id;
  const name = policy.name;
  const tables: RawTable[] = [];
  const table = (spec: PeriodTableSpec): void => {
    tables.push(periodTableIn(layout, spec));
  };
  if (meeting === undefined) return tables;
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
  table({
    id: `${iv}/participants`,
    title: { sv: `${name.sv}: deltagare`, en: `${name.en}: participants` },
    columnHeader: { sv: 'Deltagare', en: 'Participants' },
    rows,
    columns: meeting.participants.flatMap((group) =>
      gender.codes.map((code) => ({
        key: `${group}:${code}`,
        label: {
          sv: `${GROUP_LABEL[group].sv}, ${gender.label(code).sv}`,
          en: `${GROUP_LABEL[group].en}, ${gender.label(code).en}`,
        },
      })),
    ),
    measure: (column) => {
      const [group, code] = column.split(':') as [string, string];
      return measures.participantGroup(group, code);
    },
    totalMeasure: measures.participants,
    prefix: `p|${iv}`,
  });
  return tables;
}
