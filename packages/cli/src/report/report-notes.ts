import type { Language, LocalizedText } from '@pinnstatistik/core';

/** What a reader must know when open periods could not be read: their numbers are missing. */
export function unreadablePeriodsNote(
  periods: readonly string[],
  keys: LocalizedText,
  lang: Language,
): string | undefined {
  if (periods.length === 0) return undefined;
  const list = periods.join(', ');
  const one = periods.length === 1;
  return lang === 'sv'
    ? `Detaljerna för ${one ? 'den öppna (ej förseglade) perioden' : 'de öppna (ej förseglade) perioderna'} ${list} kan inte läsas utan ${one ? 'dess nyckel' : 'deras nycklar'} (${keys.sv}) och ingår inte i siffrorna. Förseglade perioder räknas från sina förseglade tabeller.`
    : `The detail of the open (unsealed) ${one ? 'period' : 'periods'} ${list} cannot be read without ${one ? 'its key' : 'their keys'} (${keys.en}) and is not in these numbers. Sealed periods are counted from their sealed tables.`;
}
