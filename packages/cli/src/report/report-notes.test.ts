import { describe, expect, it } from 'vitest';
import { keysInWords, unreadablePeriodsNote } from './report-notes.js';

describe('the note on unreadable periods', () => {
  it('says where the keys were looked for in Swedish, not in the English of the source', () => {
    const note = unreadablePeriodsNote(['2025-12'], 'an export carries no keys', 'sv');
    expect(note).toContain('(en export innehåller inga nycklar)');
    expect(note).not.toMatch(/export carries|keys/);
    expect(keysInWords('keys in /srv/keys', 'sv')).toBe('nycklar i /srv/keys');
    expect(keysInWords('keys in /srv/keys', 'en')).toBe('keys in /srv/keys');
    expect(unreadablePeriodsNote([], 'x', 'sv')).toBeUndefined();
  });
});
