import type { Language } from '@pinnstatistik/core';

/** The key-store descriptions `openSource` gives, in Swedish (they are written in English there). */
const KEYS_IN_SWEDISH: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/^an export carries no keys$/, () => 'en export innehåller inga nycklar'],
  [
    /^no key store given \(keys live apart from the events: pass --keys\)$/,
    () => 'inget nyckellager angivet (nycklarna förvaras skilt från händelserna: ange --keys)',
  ],
  [/^no key store given$/, () => 'inget nyckellager angivet'],
  [/^keys in PostgreSQL$/, () => 'nycklar i PostgreSQL'],
  [/^keys in (.+)$/, (match) => `nycklar i ${match[1]}`],
];

/** Where the keys were looked for, in the reader's language. */
export function keysInWords(keys: string, lang: Language): string {
  if (lang === 'en') return keys;
  for (const [pattern, swedish] of KEYS_IN_SWEDISH) {
    const match = pattern.exec(keys);
    if (match !== null) return swedish(match);
  }
  return keys;
}

/** What a reader must know when open periods could not be read: their numbers are missing. */
export function unreadablePeriodsNote(
  periods: readonly string[],
  keys: string,
  lang: Language,
): string | undefined {
  if (periods.length === 0) return undefined;
  const list = periods.join(', ');
  const one = periods.length === 1;
  const where = keysInWords(keys, lang);
  return lang === 'sv'
    ? `Detaljerna för ${one ? 'den öppna (ej förseglade) perioden' : 'de öppna (ej förseglade) perioderna'} ${list} kan inte läsas utan ${one ? 'dess nyckel' : 'deras nycklar'} (${where}) och ingår inte i siffrorna. Förseglade perioder räknas från sina förseglade tabeller.`
    : `The detail of the open (unsealed) ${one ? 'period' : 'periods'} ${list} cannot be read without ${one ? 'its key' : 'their keys'} (${where}) and is not in these numbers. Sealed periods are counted from their sealed tables.`;
}
