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

/**
 * What a reader must know when sealed months were read without the key store: their seals and
 * corrections were held only to the tables they name (a digest anyone can compute), so a month's
 * tables or a correction forged by anyone who could write to the store would be in the numbers.
 */
export function unprovenSealsNote(sealedPeriods: readonly string[], lang: Language): string | undefined {
  if (sealedPeriods.length === 0) return undefined;
  return lang === 'sv'
    ? 'Förseglade perioders tabeller och rättelser är lästa utan nycklar: de kontrolleras bara mot sin egen kontrollsumma, inte att operatören skrev dem (ange --keys för att bevisa dem, eller håll exportfilen mot operatörens signerade kontrollpunkt med pinnstatistik verify).'
    : 'Sealed periods’ tables and corrections were read without keys: they are checked only against their own digest, not proven to be the operator’s (give --keys to prove them, or hold the export to the operator’s signed checkpoint with pinnstatistik verify).';
}
