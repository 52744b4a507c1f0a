import { describe, expect, it } from 'vitest';
import { unreadablePeriodsNote } from './report-notes.js';

const exportKeys = { sv: 'en exportfil innehåller inga nycklar', en: 'an export carries no keys' };

describe('the note on unreadable periods', () => {
  it('says where the keys were looked for in the reader’s language', () => {
    const sv = unreadablePeriodsNote(['2025-12'], exportKeys, 'sv');
    expect(sv).toContain('(en exportfil innehåller inga nycklar)');
    expect(sv).not.toMatch(/export carries|keys/);
    expect(unreadablePeriodsNote(['2025-12'], exportKeys, 'en')).toContain('(an export carries no keys)');
    expect(unreadablePeriodsNote([], exportKeys, 'sv')).toBeUndefined();
  });
});
