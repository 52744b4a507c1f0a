import type { Language } from '@pinnstatistik/core';
import { CliError } from './cli-error.js';

// Messages name the option and what it takes, never the value given: an argument may be anything
// an operator pasted, and error output ends up in logs.

/** `--lang`: `sv` or `en`. */
export function parseLanguage(value: string | undefined): Language {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'sv') return 'sv';
  throw new CliError('--lang must be sv or en', { sv: { message: '--lang ska vara sv eller en' } });
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month, `YYYY-MM` (`2025-03`); anything else is an unknown period. */
export function parseMonth(option: string, value: string): string {
  if (!MONTH.test(value))
    throw new CliError(`${option} is not a period (a month as YYYY-MM, e.g. 2025-03)`, {
      sv: { message: `${option} är ingen period (en månad som ÅÅÅÅ-MM, till exempel 2025-03)` },
    });
  return value;
}

/** A calendar date, `YYYY-MM-DD`, that exists. */
export function parseDate(option: string, value: string): string {
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid)
    throw new CliError(`${option} is not a date (YYYY-MM-DD)`, {
      sv: { message: `${option} är inget datum (ÅÅÅÅ-MM-DD)` },
    });
  return value;
}

/** Today (UTC), or `--today` when given. */
export function todayOr(value: string | undefined): string {
  return value === undefined ? new Date().toISOString().slice(0, 10) : parseDate('--today', value);
}

/** A whole number within bounds. */
export function parseWholeNumber(option: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new CliError(`${option} must be a whole number from ${min} to ${max}`, {
      sv: { message: `${option} ska vara ett heltal från ${min} till ${max}` },
    });
  return number;
}

/** One of a closed list of choices. */
export function parseChoice<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value))
    throw new CliError(`${option} must be one of ${choices.join(', ')}`, {
      sv: { message: `${option} ska vara ett av ${choices.join(', ')}` },
    });
  return value as T;
}
