import type { TallyCommandInput } from '@pinnstatistik/core';

const uuid = (n: number): string => `7d3c1f00-0000-4000-8000-${String(n).padStart(12, '0')}`;

const counselling = {
  type: 'TallyContact',
  interventionId: 'familjecentral-enskilda-samtal',
  unitId: 'familjecentral',
  date: '2025-10-07',
  marks: {
    gender: 'female',
    adultAge: 31,
    numberOfChildren: 1,
    household: 'cohabiting',
    problemArea: 'parenting',
    routeIn: 'child-health-care',
    furtherAction: 'none',
  },
} as const;

const { routeIn: _routeIn, ...withoutRouteIn } = counselling.marks;

/** One command for each kind of refusal, as an embedding system might send it by mistake. */
export const refusalTour: readonly {
  readonly attempt: string;
  /** The same, in Swedish (`pinnstatistik demo --lang sv`). */
  readonly attemptSv: string;
  readonly input: TallyCommandInput | Record<string, unknown>;
  /** A command accepted first, when the refusal needs one. */
  readonly before?: TallyCommandInput;
}[] = [
  {
    attempt: 'Tally outreach by the field workers (row 6, exempt)',
    attemptSv: 'Pinna fältarnas uppsökande arbete (rad 6, dokumentation undantas)',
    input: {
      ...counselling,
      commandId: uuid(1),
      interventionId: 'faltare-uppsokande',
      unitId: 'faltare',
      marks: {},
    },
  },
  {
    attempt: 'Tally a safety alarm (row 18, case record required)',
    attemptSv: 'Pinna ett trygghetslarm (rad 18, dokumentation krävs i verksamhetssystem)',
    input: {
      ...counselling,
      commandId: uuid(2),
      interventionId: 'trygghetslarm',
      unitId: 'aldreomsorgen',
      marks: {},
    },
  },
  {
    attempt: 'Tally by the intervention’s name instead of its id',
    attemptSv: 'Pinna med insatsens namn i stället för dess id',
    input: { ...counselling, commandId: uuid(3), interventionId: 'uppsokande-verksamhet' },
  },
  {
    attempt: 'Tally family-centre counselling as Mötesplats',
    attemptSv: 'Pinna familjecentralens samtal som Mötesplats',
    input: { ...counselling, commandId: uuid(4), unitId: 'motesplats' },
  },
  {
    attempt: 'Count visitors for counselling sessions',
    attemptSv: 'Räkna besökare för enskilda samtal',
    input: {
      type: 'TallyVisitors',
      commandId: uuid(5),
      interventionId: counselling.interventionId,
      unitId: counselling.unitId,
      date: counselling.date,
      visitors: { female: 2 },
    },
  },
  {
    attempt: 'Add "relation to the relative" to a family-centre session',
    attemptSv: 'Lägga till "relation till anhörig" på ett samtal på familjecentralen',
    input: {
      ...counselling,
      commandId: uuid(6),
      marks: { ...counselling.marks, relationToRelative: 'parent' },
    },
  },
  {
    attempt: 'Leave out the route in',
    attemptSv: 'Utelämna väg in',
    input: { ...counselling, commandId: uuid(7), marks: withoutRouteIn },
  },
  {
    attempt: 'Write a problem area in free text',
    attemptSv: 'Skriva ett problemområde i fritext',
    input: {
      ...counselling,
      commandId: uuid(8),
      marks: { ...counselling.marks, problemArea: 'pappan dricker' },
    },
  },
  {
    attempt: 'Tally a serious talk with a 12-year-old (target group 13–21)',
    attemptSv: 'Pinna ett allvarssamtal med en 12-åring (målgrupp 13–21)',
    input: {
      ...counselling,
      commandId: uuid(9),
      interventionId: 'faltare-allvarssamtal',
      unitId: 'faltare',
      marks: { gender: 'male', individualAge: 12, problemArea: 'norm-breaking', routeIn: 'school' },
    },
  },
  {
    attempt: 'Tally a session from before the catalogue took effect',
    attemptSv: 'Pinna ett samtal från innan katalogen började gälla',
    input: { ...counselling, commandId: uuid(10), date: '2024-11-20' },
  },
  {
    attempt: 'Put a personnummer in a mark',
    attemptSv: 'Skriva ett personnummer i en uppgift',
    input: { ...counselling, commandId: uuid(11), marks: { ...counselling.marks, routeIn: '19850709-9805' } },
  },
  {
    attempt: 'Send a comment field',
    attemptSv: 'Skicka med ett kommentarsfält',
    input: { ...counselling, commandId: uuid(12), comment: 'mamman verkade trött' },
  },
  {
    attempt: 'Tally a session dated next year',
    attemptSv: 'Pinna ett samtal daterat nästa år',
    input: { ...counselling, commandId: uuid(13), date: '2027-01-04' },
  },
  {
    attempt: 'Tally a råd och stöd session outside a series (row 11: at most five connected sessions)',
    attemptSv: 'Pinna ett råd och stöd-samtal utanför en serie (rad 11: högst fem sammanhängande samtal)',
    input: {
      ...counselling,
      commandId: uuid(15),
      interventionId: 'rad-och-stod',
      unitId: 'mottaget-my',
      marks: {
        gender: 'female',
        childAges: [11, 8],
        numberOfChildren: 2,
        problemArea: 'family-conflict',
        routeIn: 'school',
        furtherAction: 'none',
      },
    },
  },
  {
    attempt: 'Send a new session under a command id already used for another',
    attemptSv: 'Skicka ett nytt samtal med ett kommando-id som redan använts för ett annat',
    before: { ...counselling, commandId: uuid(16) },
    input: { ...counselling, commandId: uuid(16), date: '2025-10-08' },
  },
  {
    attempt: 'Void a tally that was never recorded',
    attemptSv: 'Makulera en pinne som aldrig registrerats',
    input: {
      type: 'VoidTally',
      commandId: uuid(14),
      interventionId: counselling.interventionId,
      unitId: 'familjecentral',
      period: '2025-10',
      tallyId: uuid(999),
      reason: 'duplicate',
    },
  },
];
