import type { Language } from '@pinnstatistik/core';

/** What a reader must know when open periods could not be read: their numbers are missing. */
export function unreadablePeriodsNote(
  periods: readonly string[],
  keys: string,
  lang: Language,
): string | undefined {
  if (periods.length === 0) return undefined;
  const list = periods.join(', ');
  return lang === 'sv'
    ? `Detaljerna för de öppna (ej förseglade) perioderna ${list} kan inte läsas utan deras nycklar (${keys}) och ingår inte i siffrorna. Förseglade perioder räknas från sina förseglade tabeller.`
    : `The detail of the open (unsealed) periods ${list} cannot be read without their keys (${keys}) and is not in these numbers. Sealed periods are counted from their sealed tables.`;
}
