import type { Catalogue, EventStore, TallyEvent } from '@pinnstatistik/core';

/** Per intervention: contacts, group meetings with participants, visitors, voids. */
export interface InterventionCounts {
  contacts: number;
  meetings: number;
  participants: number;
  visitors: number;
  voided: number;
}

const sum = (counts: Readonly<Record<string, number>> | undefined): number =>
  Object.values(counts ?? {}).reduce((total, count) => total + count, 0);

/** Reads the whole log once and counts what every intervention tallied (voided tallies excluded). */
export async function countTallies(
  store: EventStore,
  catalogue: Catalogue,
): Promise<Map<string, InterventionCounts>> {
  const counts = new Map<string, InterventionCounts>(
    catalogue.interventions.map((policy) => [
      policy.id,
      { contacts: 0, meetings: 0, participants: 0, visitors: 0, voided: 0 },
    ]),
  );
  const byTally = new Map<string, TallyEvent>();
  for await (const recorded of store.readAll()) {
    if (!recorded.stream.startsWith('tally-')) continue;
    const event = { type: recorded.type, data: recorded.data } as unknown as TallyEvent;
    const entry = counts.get(event.data.interventionId);
    if (entry === undefined) continue;
    const sign = event.type === 'TallyVoided' ? -1 : 1;
    const counted = event.type === 'TallyVoided' ? byTally.get(event.data.tallyId) : event;
    if (event.type !== 'TallyVoided') byTally.set(event.data.tallyId, event);
    else entry.voided += 1;
    switch (counted?.type) {
      case 'ContactTallied':
        entry.contacts += sign;
        break;
      case 'GroupMeetingTallied':
        entry.meetings += sign;
        entry.participants +=
          sign * (sum(counted.data.participants.adults) + sum(counted.data.participants.children));
        break;
      case 'VisitorsTallied':
        entry.visitors += sign * sum(counted.data.visitors);
        break;
      default:
        break;
    }
  }
  return counts;
}
