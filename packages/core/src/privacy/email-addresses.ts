// Spelled-out at signs and dots, after normalisation (one space at most between words).
// The at sign, or its name, between one or two brackets, quotes, guillemets, dashes or
// underscores too: `lisa[@]exempel.se`, `lisa"@"exempel.se`, `lisa ((at)) exempel.se`,
// `lisa -at- exempel.se`, `lisa (snabel a) exempel.se`, `lisa‹@›exempel.se`. Bounded repetition
// around literal alternatives: linear.
// Hashes, tildes, asterisks, equals signs, bars and carets wrap it too: `#at#`, `~at~`, `*@*`.
// With a space before or after it, it is a spaced at sign (the domain must end in a top-level
// domain: "Tema ~at~ träffen" is no address).
const BRACKETED_AT =
  /(\s?)[-_([{<"'\u2039\u00ab#~*=|^]{1,2}\s?(?:at|snabel[- ]?a|@)\s?[-_)\]}>"'\u203a\u00bb#~*=|^]{1,2}(\s?)/gi;
// A bracketed `a` (`anna(a)exempel.se`): an at sign when glued to both words; with a space
// on either side it is a spaced at sign, whose domain must end in a top-level domain ("punkt
// (a) nedan" is prose).
const BRACKETED_A = /( ?)[([{]a[)\]}]( ?)/gi;
// A bracketed dot, spelled or written ("defanged": `exempel[.]se`, `exempel (.) se`).
const BRACKETED_DOT = /\s?[([{<]\s?(?:dot|punkt|\.)\s?[)\]}>]\s?/gi;
const SPOKEN_AT = /(?<=\S) (?:at|snabel[- ]?a) (?=\S)/gi;
const SPOKEN_DOT = /(?<=[\p{L}\p{N}]) (?:dot|punkt) (?=[\p{L}\p{N}])/giu;
// A dot with a space on both sides before a lower-case label (`exempel . se`): prose ends a
// sentence with no space before its dot, and starts the next with a capital.
const SPACED_DOT = /(?<=[\p{L}\p{N}]) \. (?=[\p{Ll}\p{N}])/gu;
const DOUBLED_AT = /@{2,}/g;
// A comma written for the last dot of a domain (`gmail,com`): before a common top-level domain
// only, glued on both sides — prose puts a space after its commas.
const COMMA_DOT = /(?<=[\p{L}\p{N}]),(?=(?:com|se|nu|net|org|eu|info|io|fi|no|dk|de|uk)(?![\p{L}\p{N}]))/giu;
// Letters spaced out one by one (`a n n a @ e x e m p e l . s e`), as numbers are: two single
// characters or more, each one space from the next, joined; an at sign among them stays spaced
// (its domain then needs a top-level domain). Each character is read once: linear.
const SPACED_OUT = /(?<![\p{L}\p{N}])[\p{L}\p{N}](?: [\p{L}\p{N}.@](?![\p{L}\p{N}]))+/gu;
const MIGHT_BE_SPELLED =
  /[\p{L}\p{N}],[\p{L}]|(?<![\p{L}\p{N}])(?:(?:at|dot|punkt)(?![\p{L}\p{N}])|snabel)|%40|@@| \. |[-_([{<"'\u2039\u00ab#~*=|^]\s?@|[([{]a[)\]}]|[([{<]\s?\.\s?[)\]}>]/iu;

const LOCAL_CHARACTER = /[\p{L}\p{N}._%+\-!#$&'*/=?^`{|}~]/u;
const DOMAIN_CHARACTER = /[\p{L}\p{N}-]/u;
const LETTER = /\p{L}/u;
const IP_LITERAL = /^\[(?:IPv6:)?[0-9a-f.:]{2,45}\]/i;

/** An at sign glued to the words on both sides, or spaced (then its domain needs a top-level domain). */
const atSign = (_match: string, before: string, after: string): string =>
  before + after === '' ? '@' : ' @ ';

/** The at signs and dots that are spelled out as words, written as signs. */
function withSpelledSigns(text: string): string {
  if (!MIGHT_BE_SPELLED.test(text)) return text;
  return text
    .replaceAll('%40', '@')
    .replace(DOUBLED_AT, '@')
    .replace(BRACKETED_AT, atSign)
    .replace(BRACKETED_A, atSign)
    .replace(BRACKETED_DOT, '.')
    .replace(SPOKEN_AT, ' @ ')
    .replace(SPOKEN_DOT, '.')
    .replace(SPACED_DOT, '.')
    .replace(COMMA_DOT, '.');
}

/** Letters spaced out one by one, joined (an at sign among them kept spaced). */
const withSpacedOutJoined = (text: string): string =>
  text.replace(SPACED_OUT, (run) => run.replaceAll(' ', '').replaceAll('@', ' @ '));

/** The domain after an at sign: its labels, and whether the last is a top-level domain (two letters or more). */
function readDomain(text: string, from: number): { labels: number; topLevel: boolean } {
  let labels = 0;
  let labelStart = from;
  let lastLabelStart = from;
  let lastLabelEnd = from;
  let index = from;
  for (; index < text.length; index += 1) {
    const character = text.charAt(index);
    if (DOMAIN_CHARACTER.test(character)) continue;
    if (character !== '.' || index === labelStart) break;
    labels += 1;
    lastLabelStart = labelStart;
    lastLabelEnd = index;
    labelStart = index + 1;
  }
  if (index > labelStart) {
    labels += 1;
    lastLabelStart = labelStart;
    lastLabelEnd = index;
  }
  let letters = 0;
  for (let at = lastLabelStart; at < lastLabelEnd && letters < 2; at += 1)
    if (LETTER.test(text.charAt(at))) letters += 1;
  return { labels, topLevel: labels >= 2 && letters >= 2 };
}

/**
 * Whether a normalised text holds an e-mail address: any local part, an `@` (or `＠`, `%40`,
 * `@@`, `(at)`, `[at]`, `((at))`, `-at-`, `#at#`, `~at~`, `«@»`, `(a)`, ` at `, ` snabela `), and a domain (`.` or ` . ` between labels) — internationalised, without a top-level domain, or an
 * IP literal. With spaces around the `@` (`anna @ example.se`, `anna at example dot se`) the
 * domain must end in a top-level domain, so "träff @ biblioteket" is not one. Each `@` looks
 * only at its neighbours and at the domain up to the next non-domain character: linear.
 */
export function findEmailAddress(normalised: string): boolean {
  const spelled = withSpelledSigns(normalised);
  if (hasAddress(spelled)) return true;
  const joined = spelled.includes('@') ? withSpacedOutJoined(spelled) : spelled;
  return joined !== spelled && hasAddress(joined);
}

/** Whether a text with its at signs and dots written as signs holds an e-mail address. */
function hasAddress(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let left = at - 1;
    let spaced = false;
    if (text.charAt(left) === ' ') {
      spaced = true;
      left -= 1;
    }
    if (left < 0 || !LOCAL_CHARACTER.test(text.charAt(left)) || text.charAt(left) === '.') continue;
    let right = at + 1;
    if (text.charAt(right) === ' ') {
      spaced = true;
      right += 1;
    }
    if (text.charAt(right) === '[' && IP_LITERAL.test(text.slice(right, right + 48))) return true;
    const domain = readDomain(text, right);
    if (domain.labels === 0) continue;
    if (!spaced || domain.topLevel) return true;
  }
  return false;
}
