import { UNKNOWN_DIGIT } from './numerals.js';
import type { PersonalDataKind } from './personal-data-kind.js';

/** Separators between the groups of one number, as the number clusters read them: space ( ) + - . / */
const SEPARATOR = /[ ()+\-./]/;
const MAX_GAP = 3;
/** The shortest phone number. */
const MIN_DIGITS = 7;

const isDigitLike = (character: string): boolean =>
  character === UNKNOWN_DIGIT || (character >= '0' && character <= '9');

/**
 * A number written partly in numerals of unknown value (see `numeralValue`): its date and
 * check digit cannot be read, so its shape decides — seven digits or more in one cluster,
 * one of them unknown, is refused (10 or 12 as an identity number, else as a phone number).
 * One pass over the text.
 */
export function findUnknownDigitNumber(normalised: string): PersonalDataKind | undefined {
  if (!normalised.includes(UNKNOWN_DIGIT)) return undefined;
  let digits = 0;
  let unknown = false;
  let gap = 0;
  const verdict = (): PersonalDataKind | undefined => {
    if (!unknown || digits < MIN_DIGITS) return undefined;
    return digits === 10 || digits === 12 ? 'personnummer' : 'phone-number';
  };
  for (const character of normalised) {
    if (isDigitLike(character)) {
      digits += 1;
      unknown ||= character === UNKNOWN_DIGIT;
      gap = 0;
    } else if (digits > 0 && SEPARATOR.test(character) && gap < MAX_GAP) {
      gap += 1;
    } else {
      const kind = verdict();
      if (kind !== undefined) return kind;
      digits = 0;
      unknown = false;
      gap = 0;
    }
  }
  return verdict();
}
