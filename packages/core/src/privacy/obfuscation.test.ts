import { describe, expect, it } from 'vitest';
import { findPersonalData, findPersonalDataAcrossNotes } from './find-personal-data.js';
import { OBFUSCATED_PERSONAL_DATA, SPLIT_ACROSS_NOTES } from './fixtures/obfuscated-personal-data.js';
import { scanForPersonalData } from './personal-data-guard.js';

describe('personal data written to get past the guard', () => {
  it.each(OBFUSCATED_PERSONAL_DATA.map((entry) => [entry.obfuscation, entry.text, entry.kind] as const))(
    '%s: %j is found as a %s',
    (_obfuscation, text, kind) => {
      expect(findPersonalData(text)).toBe(kind);
      expect(scanForPersonalData({ text: `Samtal om sömn. ${text} Uppföljning v. 14.` })).toEqual({
        path: '/text',
        kind,
      });
    },
  );

  it.each(SPLIT_ACROSS_NOTES.map((entry) => [entry.description, entry] as const))(
    '%s: found from the last 32 characters of the previous note, though neither note shows it alone',
    (_description, { previous, next, kind }) => {
      expect(findPersonalData(previous)).toBeUndefined();
      expect(findPersonalData(next)).toBeUndefined();
      expect(findPersonalDataAcrossNotes(previous.slice(-32), next)).toBe(kind);
    },
  );

  it('a note that merely follows a note ending in digits is not refused', () => {
    expect(findPersonalDataAcrossNotes('Nästa träff 2025-04-02', '1030 hos skolsköterskan')).toBeUndefined();
    expect(findPersonalDataAcrossNotes('Summa 1 250', 'kr i matkassar')).toBeUndefined();
  });
});
