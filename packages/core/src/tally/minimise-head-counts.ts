import * as E from 'fp-ts/lib/Either.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import type { Refusal, RuleReference } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { HeadCounts } from './events.js';

const GENDER_CODE_LIST = 'gender';

/** Who a group meeting counts, in words. */
const PARTICIPANT_LABELS = {
  adults: { sv: 'vuxna', en: 'adults' },
  children: { sv: 'barn', en: 'children' },
} as const;

/** Head counts keyed by the gender code list, with zeros left out. */
export function minimiseHeadCounts(
  counts: Readonly<Record<string, number>>,
  catalogue: Catalogue,
  rule: RuleReference,
): E.Either<Refusal, HeadCounts> {
  const codeList = catalogue.codeLists[GENDER_CODE_LIST];
  const genders = (codeList?.codes ?? []).map((entry) => entry.code);
  const kept: Record<string, number> = {};
  for (const [gender, count] of Object.entries(counts)) {
    if (!genders.includes(gender)) {
      return E.left(
        refuse.valueNotInCodeList(
          { ...rule, clause: `codeLists/${GENDER_CODE_LIST}` },
          { id: GENDER_CODE_LIST, label: codeList?.label ?? { sv: 'Kön', en: 'Gender' } },
          (codeList?.codes ?? []).map((entry) => ({ id: entry.code, label: entry.label })),
        ),
      );
    }
    if (count > 0) kept[gender] = count;
  }
  return E.right(kept);
}

/** A group meeting's participants, checked against who the policy counts (adults, children). */
export function minimiseParticipants(
  participants: {
    readonly adults?: Readonly<Record<string, number>>;
    readonly children?: Readonly<Record<string, number>>;
  },
  policy: InterventionPolicy,
  catalogue: Catalogue,
  rule: RuleReference,
): E.Either<Refusal, { adults?: HeadCounts; children?: HeadCounts }> {
  const counted = policy.tally.groupMeeting?.participants ?? [];
  const result: { adults?: HeadCounts; children?: HeadCounts } = {};
  let total = 0;
  for (const group of ['adults', 'children'] as const) {
    const counts = participants[group];
    if (counts === undefined) continue;
    if (!counted.includes(group)) {
      return E.left(
        refuse.dimensionNotAllowed(
          { ...rule, clause: `interventions/${policy.id}/tally/groupMeeting/participants` },
          policy.name,
          { id: group, label: PARTICIPANT_LABELS[group] },
          counted.map((id) => ({ id, label: PARTICIPANT_LABELS[id] })),
        ),
      );
    }
    const minimised = minimiseHeadCounts(counts, catalogue, rule);
    if (E.isLeft(minimised)) return minimised;
    if (Object.keys(minimised.right).length > 0) result[group] = minimised.right;
    total += Object.values(minimised.right).reduce((sum, count) => sum + count, 0);
  }
  if (total === 0) {
    return E.left(
      refuse.invalidInput([
        { path: '/participants', message: 'a group meeting has at least one participant' },
      ]),
    );
  }
  return E.right(result);
}
