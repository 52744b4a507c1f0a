/**
 * Whether a sheet detail event has the fields the audit's rules read: its data an object naming an
 * intervention, and a contact's marks an object. Anyone who can write to the store can put a clear
 * event in a detail stream; one without marks stopped the audit with a TypeError — no verdict at
 * all (attack 46, finding 9). Types the rules do not read pass.
 */
export function isReadableDetail(type: string, data: unknown): boolean {
  if (
    type !== 'ContactTallied' &&
    type !== 'GroupMeetingTallied' &&
    type !== 'VisitorsTallied' &&
    type !== 'SeriesEnded'
  )
    return true;
  if (typeof data !== 'object' || data === null) return false;
  const fields = data as { interventionId?: unknown; marks?: unknown };
  if (typeof fields.interventionId !== 'string') return false;
  if (type !== 'ContactTallied') return true;
  return typeof fields.marks === 'object' && fields.marks !== null && !Array.isArray(fields.marks);
}
