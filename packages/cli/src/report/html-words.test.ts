import { describe, expect, it } from 'vitest';
import { htmlWords } from './html-words.js';
import { unreadablePeriodsNote } from './report-notes.js';

describe('the HTML report’s words', () => {
  it('agree in number in Swedish: pinnlista/pinnlistor, öppen/öppna, förseglad/förseglade', () => {
    const { sheets, corrections, notClean } = htmlWords.sv;
    expect(sheets(11, 1)).toBe('Underlag: 11 förseglade och 1 öppen pinnlista.');
    expect(sheets(1, 2)).toBe('Underlag: 1 förseglad och 2 öppna pinnlistor.');
    expect(sheets(0, 0)).toBe('Underlag: 0 förseglade och 0 öppna pinnlistor.');
    expect(corrections(1, 1)).toBe('Rättelser: 1 makulerad registrering, 1 ändring efter försegling.');
    expect(corrections(0, 2)).toBe('Rättelser: 0 makulerade registreringar, 2 ändringar efter försegling.');
    expect(notClean(1)).toBe('INTE REN — 1 avvikelse');
    expect(notClean(3)).toBe('INTE REN — 3 avvikelser');
    expect(JSON.stringify(Object.values(htmlWords.sv))).not.toMatch(/tally/i);
  });

  it('agree in number in English', () => {
    expect(htmlWords.en.sheets(11, 1)).toBe('Read from 11 sealed and 1 open tally sheet.');
    expect(htmlWords.en.corrections(1, 2)).toBe('Corrections: 1 tally voided, 2 amendments after sealing.');
  });

  it('say which values are suppressed for every k', () => {
    expect(htmlWords.sv.threshold(5)).toBe('värden 1–4 undertrycks (k = 5)');
    expect(htmlWords.sv.threshold(2)).toBe('värdet 1 undertrycks (k = 2)');
    expect(htmlWords.sv.threshold(1)).toBe('inga värden undertrycks (k = 1)');
  });

  it('note one unreadable period in the singular, several in the plural, saying where the keys are in the same language', () => {
    const keys = { sv: 'en exportfil innehåller inga nycklar', en: 'an export carries no keys' };
    expect(unreadablePeriodsNote(['2025-12'], keys, 'sv')).toMatch(
      /^Detaljerna för den öppna \(ej förseglade\) perioden 2025-12 kan inte läsas utan dess nyckel \(en exportfil innehåller inga nycklar\)/,
    );
    expect(unreadablePeriodsNote(['2025-11', '2025-12'], keys, 'sv')).toMatch(
      /de öppna \(ej förseglade\) perioderna 2025-11, 2025-12 kan inte läsas utan deras nycklar/,
    );
    expect(unreadablePeriodsNote(['2025-12'], keys, 'en')).toContain('(an export carries no keys)');
    expect(unreadablePeriodsNote([], keys, 'sv')).toBeUndefined();
  });
});
