import { crossTabulationKey, type SheetTables } from '@pinnstatistik/core';

/**
 * Measures: what one base cell (one intervention × unit × month) counts, as a string.
 *
 * - `contacts`; `contacts|gender=female` (a marginal); `contacts|gender=female&adultAge=30-34`
 *   (a declared cross-tabulation, dimensions in the declared order);
 * - `listed|childAges` (people listed in an age-list dimension), `listed|childAges=4-6`;
 * - `series` (series ended), `series|3` (ended after three contacts), `series|10+` (ten or more);
 * - `meetings`, `participants`, `participants|adults:female`;
 * - `visitor-sessions`, `visitors`, `visitors|female`.
 */
export const measures = {
  contacts: 'contacts',
  marginal: (dimension: string, value: string): string => `contacts|${dimension}=${value}`,
  crossTabulation: (a: string, va: string, b: string, vb: string): string => `contacts|${a}=${va}&${b}=${vb}`,
  listedTotal: (dimension: string): string => `listed|${dimension}`,
  listed: (dimension: string, value: string): string => `listed|${dimension}=${value}`,
  series: 'series',
  seriesLength: (length: string): string => `series|${length}`,
  meetings: 'meetings',
  participants: 'participants',
  participantGroup: (group: string, gender: string): string => `participants|${group}:${gender}`,
  visitorSessions: 'visitor-sessions',
  visitors: 'visitors',
  visitorGender: (gender: string): string => `visitors|${gender}`,
} as const;

const sum = (counts: Readonly<Record<string, number>>): number =>
  Object.values(counts).reduce((total, count) => total + count, 0);

function seriesLength(tables: SheetTables, length: string): number {
  if (!length.endsWith('+')) return tables.seriesLengths[length] ?? 0;
  const lowest = Number(length.slice(0, -1));
  return Object.entries(tables.seriesLengths)
    .filter(([contacts]) => Number(contacts) >= lowest)
    .reduce((total, [, count]) => total + count, 0);
}

/** What one sheet's tables count for a measure (0 for a measure they do not hold). */
export function measureValue(tables: SheetTables, measure: string): number {
  const bar = measure.indexOf('|');
  const head = bar === -1 ? measure : measure.slice(0, bar);
  const rest = bar === -1 ? undefined : measure.slice(bar + 1);
  switch (head) {
    case 'contacts': {
      if (rest === undefined) return tables.contacts;
      const pairs = rest.split('&').map((pair) => pair.split('=') as [string, string]);
      const [first, second] = pairs;
      if (first === undefined) return 0;
      if (second === undefined) return tables.marginals[first[0]]?.[first[1]] ?? 0;
      return (
        tables.crossTabulations[crossTabulationKey([first[0], second[0]])]?.[`${first[1]}|${second[1]}`] ?? 0
      );
    }
    case 'listed': {
      const [dimension, value] = (rest ?? '').split('=') as [string, string | undefined];
      const listed = tables.listMarginals?.[dimension] ?? {};
      return value === undefined ? sum(listed) : (listed[value] ?? 0);
    }
    case 'series':
      return rest === undefined ? sum(tables.seriesLengths) : seriesLength(tables, rest);
    case 'meetings':
      return tables.groupMeetings;
    case 'participants': {
      if (rest === undefined) return sum(tables.participants.adults) + sum(tables.participants.children);
      const [group, gender] = rest.split(':') as [string, string];
      return group === 'adults' || group === 'children' ? (tables.participants[group][gender] ?? 0) : 0;
    }
    case 'visitor-sessions':
      return tables.visitorSessions;
    case 'visitors':
      return rest === undefined ? sum(tables.visitors) : (tables.visitors[rest] ?? 0);
    default:
      return 0;
  }
}
