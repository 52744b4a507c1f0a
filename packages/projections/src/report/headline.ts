import { CONTACT_UNIT_LABELS, type InterventionPolicy, type LocalizedText } from '@pinnstatistik/core';
import { measures } from './measures.js';

/**
 * An intervention's headline count — what the report's overview, per-unit breakdown and
 * comparison show for it: its contacts (in the words the policy counts them), else the
 * participants of its group meetings, else its visitors. `prefix` starts the keys of the
 * quantities (`c|{id}|{period}`), the same keys as in the intervention's own tables, so the
 * overview shows the very figures published there.
 */
export interface Headline {
  readonly prefix: string;
  readonly measure: string;
  /** What is counted, in lower case (`samtal`, `deltagare`, `besökare`). */
  readonly counts: LocalizedText;
}

/** The headline count of a policy, or undefined when it tallies nothing. */
export function headlineOf(policy: InterventionPolicy): Headline | undefined {
  const { contact, groupMeeting, visitors } = policy.tally;
  if (contact !== undefined)
    return {
      prefix: `c|${policy.id}`,
      measure: measures.contacts,
      counts: CONTACT_UNIT_LABELS[contact.countedAs],
    };
  if (groupMeeting !== undefined)
    return {
      prefix: `p|${policy.id}`,
      measure: measures.participants,
      counts: { sv: 'deltagare', en: 'participants' },
    };
  if (visitors !== undefined)
    return {
      prefix: `v|${policy.id}`,
      measure: measures.visitors,
      counts: { sv: 'besökare', en: 'visitors' },
    };
  return undefined;
}
