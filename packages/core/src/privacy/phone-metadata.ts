import { getCountries, getCountryCallingCode, Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max';

// What libphonenumber-js's numbering plans offer at run time beyond their published type
// (the type patterns `isValid()` itself uses). The equivalence test holds the two together.
interface NumberTypeDefinition {
  pattern(): string;
  possibleLengths(): readonly number[] | undefined;
}
interface NumberingPlanAtRunTime {
  nationalNumberPattern(): string;
  possibleLengths(): readonly number[];
  type(name: string): NumberTypeDefinition | undefined;
}

/** The number types `isValid()` accepts (libphonenumber's `getNumberType`). */
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'PERSONAL_NUMBER',
  'VOICEMAIL',
  'UAN',
  'PAGER',
  'VOIP',
  'SHARED_COST',
] as const;

function planOf(country: Parameters<typeof getCountryCallingCode>[0]): NumberingPlanAtRunTime {
  const selected = new Metadata(metadata);
  selected.selectNumberingPlan(country);
  return selected.numberingPlan as unknown as NumberingPlanAtRunTime;
}

interface CompiledPlan {
  readonly general: RegExp;
  readonly types: readonly { readonly pattern: RegExp; readonly lengths: ReadonlySet<number> }[];
}

let sweden: CompiledPlan | undefined;

/** Sweden's numbering plan from libphonenumber-js's full metadata, compiled once. */
function swedishPlan(): CompiledPlan {
  if (sweden === undefined) {
    const plan = planOf('SE');
    sweden = {
      general: new RegExp(`^(?:${plan.nationalNumberPattern()})$`),
      types: NUMBER_TYPES.flatMap((name) => {
        const type = plan.type(name);
        const pattern = type?.pattern();
        if (type === undefined || pattern === undefined || pattern === '') return [];
        return [
          {
            pattern: new RegExp(`^(?:${pattern})$`),
            lengths: new Set(type.possibleLengths() ?? plan.possibleLengths()),
          },
        ];
      }),
    };
  }
  return sweden;
}

/**
 * Whether a Swedish national significant number (without the leading 0 or +46) is a valid
 * number of any type, by libphonenumber's Swedish metadata: what `isValidPhoneNumber('+46' + n)`
 * answers, without parsing (the guard calls it for every candidate).
 */
export function isValidSwedishNumber(nationalNumber: string): boolean {
  const plan = swedishPlan();
  if (!plan.general.test(nationalNumber)) return false;
  return plan.types.some(
    (type) => type.lengths.has(nationalNumber.length) && type.pattern.test(nationalNumber),
  );
}

let callingCodes: Map<string, Set<number>> | undefined;

/** Every country calling code with the lengths its national numbers may have. */
function possibleLengthsByCallingCode(): Map<string, Set<number>> {
  if (callingCodes === undefined) {
    callingCodes = new Map();
    for (const country of getCountries(metadata)) {
      const code = getCountryCallingCode(country, metadata);
      const lengths = callingCodes.get(code) ?? new Set<number>();
      for (const length of planOf(country).possibleLengths()) lengths.add(length);
      callingCodes.set(code, lengths);
    }
  }
  return callingCodes;
}

/** Whether digits after a `+` (or `00`) are a country calling code and a national number of a possible length. */
export function isPossibleInternationalNumber(digits: string): boolean {
  const codes = possibleLengthsByCallingCode();
  for (let length = 1; length <= 3 && length < digits.length; length += 1) {
    const lengths = codes.get(digits.slice(0, length));
    if (lengths?.has(digits.length - length)) return true;
  }
  return false;
}

/** Whether digits begin with a country calling code. */
export function hasCallingCode(digits: string): boolean {
  const codes = possibleLengthsByCallingCode();
  for (let length = 1; length <= 3 && length <= digits.length; length += 1)
    if (codes.has(digits.slice(0, length))) return true;
  return false;
}
