/** The library's own issue wordings, in Swedish. */
const KNOWN: Readonly<Record<string, string>> = {
  'an unknown field': 'ett fält som inte hör hit',
  'a key that is not allowed here': 'en nyckel som inte är tillåten här',
  'a reserved key (__proto__, constructor or prototype)': 'en reserverad nyckel',
  'a group meeting has at least one participant': 'en gruppträff har minst en deltagare',
  'a code used twice in its list': 'en kod som står två gånger i sin lista',
  'min must not exceed max': 'lägsta värdet får inte vara större än högsta',
  'max must not be below min': 'högsta värdet får inte vara mindre än lägsta',
  'a dimension listed twice': 'en uppgift som står två gånger',
  'a cross-tabulated dimension the intervention does not tally':
    'en korstabellerad uppgift som insatsen inte registrerar',
  'not a tallied age dimension of this intervention': 'inte en åldersuppgift som insatsen registrerar',
  'series are required but the intervention tallies no contacts':
    'serier krävs men insatsen registrerar inga kontakter',
  'maxContacts must not be below minContacts': 'högsta antalet kontakter får inte vara mindre än lägsta',
  'a unit id used twice': 'ett enhets-id som används två gånger',
  'a dimension id used twice': 'ett uppgifts-id som används två gånger',
  'an intervention id used twice': 'ett insats-id som används två gånger',
  'lower bounds must increase': 'de nedre gränserna måste öka',
  'text cut in the middle of a character (a lone UTF-16 surrogate)': 'text som är avklippt mitt i ett tecken',
};

const TYPES: Readonly<Record<string, string>> = {
  string: 'en text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'sant eller falskt',
  object: 'ett objekt',
  array: 'en lista',
};

/**
 * An issue's message (English: the schema's or the library's own) in Swedish, for the Swedish
 * text of a refusal or the CLI. Like the English, it names what was expected, never what was
 * sent; a wording it does not know becomes "följer inte reglerna".
 */
export function issueInSwedish(message: string): string {
  const known = KNOWN[message];
  if (known !== undefined) return known;
  const unknownFields = /^(\d+) unknown fields$/.exec(message);
  if (unknownFields !== null) return `${unknownFields[1]} fält som inte hör hit`;
  if (/^unknown field\(s\): /.test(message)) return 'fält som inte hör hit';
  const typed = /^Invalid input: expected (\w+), received (\w+)/.exec(message);
  if (typed !== null) {
    const expected = TYPES[typed[1] ?? ''] ?? 'ett annat slags värde';
    return typed[2] === 'undefined' ? `saknas (ska vara ${expected})` : `ska vara ${expected}`;
  }
  if (/^Invalid (?:option|discriminator value)/.test(message)) return 'inte ett av de tillåtna värdena';
  if (/^Too small/.test(message)) return 'för kort eller för litet';
  if (/^Too big/.test(message)) return 'för långt eller för stort';
  if (/^Invalid (?:string|ISO date|date)/.test(message)) return 'har inte rätt form';
  if (/^not valid JSON/.test(message)) return 'inte giltig JSON';
  if (/^at most \d+ entries$/.test(message)) return `högst ${message.replace(/\D+/g, '')} värden`;
  if (/^a contact gives one of /.test(message)) return 'en kontakt anger bara en av åldrarna';
  if (/^one entry per /.test(message)) return 'en ålder per barn, lika många som antal barn';
  if (/^version .* already takes effect on /.test(message))
    return 'en annan version gäller redan från den dagen; en ny version gäller från en senare dag';
  if (/^this service keeps catalogue /.test(message)) return 'tjänsten för en annan katalog';
  const normalised = /^longer than (\d+) characters once normalised$/.exec(message);
  if (normalised !== null) return `längre än ${normalised[1]} tecken i den form som sparas`;
  if (/^a \w+ event of this intervention can take \d+ bytes/.test(message))
    return 'insatsens största händelse får inte plats i sin utfyllda storlek: korta id:n och koder, eller registrera färre uppgifter';
  return 'följer inte reglerna';
}
