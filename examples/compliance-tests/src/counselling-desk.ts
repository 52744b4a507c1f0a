import { randomUUID } from 'node:crypto';
import type { CommandService, OpenedSeries, Refusal, SeriesClosing, TallyReceipt } from '@pinnstatistik/core';
import type { Either } from 'fp-ts/lib/Either.js';

/** What the desk's staff fill in after a counselling session, in the system's own words. */
export interface SessionForm {
  readonly date: string;
  readonly caller: 'mother' | 'father' | 'other-parent' | 'unknown';
  /** The ages, in years, of the children the session is about (one each). */
  readonly childrenAges: readonly number[];
  readonly concern: 'parenting' | 'conflict' | 'school' | 'other';
  readonly referredBy: 'self' | 'school' | 'preschool' | 'health-care' | 'other';
  readonly nextStep: 'none' | 'referred' | 'unknown';
}

const genders = { mother: 'female', father: 'male', 'other-parent': 'other', unknown: 'not-stated' } as const;
const concerns = {
  parenting: 'parenting',
  conflict: 'family-conflict',
  school: 'school-situation',
  other: 'other',
} as const;
const routes = {
  self: 'own-initiative',
  school: 'school',
  preschool: 'preschool',
  'health-care': 'health-care',
  other: 'other',
} as const;
const nextSteps = { none: 'none', referred: 'referral-other', unknown: 'not-stated' } as const;

/**
 * The counselling desk of a (fictional) family-support system at the meeting place: "råd
 * och stöd" as a course of connected sessions. It embeds pinnstatistik by translating its
 * own forms into tally marks; its tests prove the translation complies with the catalogue.
 */
export function createCounsellingDesk(service: CommandService, newId: () => string = randomUUID) {
  return {
    /** Starts a course of sessions; the token is written on the paper card, nowhere else. */
    startCourse(): Promise<Either<Refusal, OpenedSeries>> {
      return service.openSeries({
        type: 'OpenSeries',
        commandId: newId(),
        interventionId: 'rad-och-stod',
        unitId: 'motesplats',
      });
    },
    /** Records one session of a course from the staff's form. */
    recordSession(token: string, form: SessionForm): Promise<Either<Refusal, TallyReceipt>> {
      return service.recordSession({
        type: 'RecordSession',
        token,
        commandId: newId(),
        date: form.date,
        marks: {
          gender: genders[form.caller],
          // One age per child the session concerns; the library stores them as age groups.
          childAges: [...form.childrenAges],
          numberOfChildren: form.childrenAges.length,
          problemArea: concerns[form.concern],
          routeIn: routes[form.referredBy],
          furtherAction: nextSteps[form.nextStep],
        },
      });
    },
    /** Ends a course: its working notes are destroyed with its key. */
    endCourse(token: string): Promise<Either<Refusal, SeriesClosing>> {
      return service.closeSeries({ type: 'CloseSeries', commandId: newId(), token, reason: 'completed' });
    },
  };
}

/** The desk's operations. */
export type CounsellingDesk = ReturnType<typeof createCounsellingDesk>;
