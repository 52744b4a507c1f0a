import type { RefusalCode } from '@pinnstatistik/core';

const uuid = (n: number): string => `e8e8b100-0000-4000-8000-${String(n).padStart(12, '0')}`;

const budgetSession = {
  type: 'TallyContact',
  interventionId: 'budget-och-skuldradgivning',
  unitId: 'radgivningsbyran',
  date: '2025-10-14',
  marks: {
    gender: 'male',
    adultAge: 47,
    household: 'single',
    contactMode: 'phone',
    furtherAction: 'referral-other',
  },
} as const;

/** What Exempelby's catalogue refuses, one attempt each, with the code it is refused with. */
export const exempelbyRefusals: readonly {
  readonly attempt: string;
  readonly expected: RefusalCode;
  readonly input: Record<string, unknown>;
}[] = [
  {
    attempt: 'Tally a contact of the field workers’ outreach (exempt)',
    expected: 'DOCUMENTATION_EXEMPT',
    input: {
      ...budgetSession,
      commandId: uuid(1),
      interventionId: 'faltgruppen-uppsokande',
      unitId: 'faltgruppen',
      marks: {},
    },
  },
  {
    attempt: 'Tally a cleaning visit for an 80-year-old (case record required)',
    expected: 'CASE_RECORD_REQUIRED',
    input: {
      ...budgetSession,
      commandId: uuid(2),
      interventionId: 'servicetjanster-75',
      unitId: 'hemtjansten',
      marks: {},
    },
  },
  {
    attempt: 'Tally a support session with a 15-year-old (young adults are 16–25)',
    expected: 'OUTSIDE_TARGET_GROUP',
    input: {
      ...budgetSession,
      commandId: uuid(3),
      interventionId: 'unga-vuxna-stodsamtal',
      unitId: 'unga-vuxna-mottagningen',
      marks: {
        gender: 'female',
        individualAge: 15,
        problemArea: 'mental-health',
        routeIn: 'school',
        contactMode: 'chat',
      },
    },
  },
  {
    attempt: 'Record a contact mode the custom code list does not have',
    expected: 'VALUE_NOT_IN_CODE_LIST',
    input: { ...budgetSession, commandId: uuid(4), marks: { ...budgetSession.marks, contactMode: 'sms' } },
  },
  {
    attempt: 'Add a problem area to budget counselling (not tallied there)',
    expected: 'DIMENSION_NOT_ALLOWED',
    input: {
      ...budgetSession,
      commandId: uuid(5),
      marks: { ...budgetSession.marks, problemArea: 'finances' },
    },
  },
];
