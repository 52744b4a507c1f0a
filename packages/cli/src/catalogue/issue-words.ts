import type { ValidationIssue } from '@pinnstatistik/core';

const TYPES: Readonly<Record<string, string>> = {
  string: 'en text',
  number: 'ett tal',
  boolean: 'sant eller falskt',
  object: 'ett objekt',
  array: 'en lista',
  undefined: 'saknas',
};

/**
 * A catalogue problem in Swedish, from the schema's English wording: the common kinds in
 * words, anything else as a rule the value breaks (never the value itself).
 */
export function issueInSwedish(issue: ValidationIssue): string {
  const where = issue.path === '' ? '(katalogen som helhet)' : issue.path;
  const unknown = /^unknown field\(s\): (.*)$/.exec(issue.message);
  if (unknown !== null) return `${where}: okänt fält som katalogen inte har (${unknown[1]})`;
  const typed = /^Invalid input: expected (\w+), received (\w+)/.exec(issue.message);
  if (typed !== null)
    return typed[2] === 'undefined'
      ? `${where}: saknas (ska vara ${TYPES[typed[1] ?? ''] ?? 'ett annat värde'})`
      : `${where}: ska vara ${TYPES[typed[1] ?? ''] ?? 'ett annat slags värde'}`;
  if (/^Invalid option/.test(issue.message)) return `${where}: inte ett av de tillåtna värdena`;
  if (/^Too small/.test(issue.message)) return `${where}: för kort eller för litet`;
  if (/^Too big/.test(issue.message)) return `${where}: för långt eller för stort`;
  return `${where}: följer inte katalogens regler`;
}
