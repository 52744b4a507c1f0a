import type { Language } from '@pinnstatistik/core';
import { isCliError } from './cli-error.js';

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'not a directory',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
};

// In Swedish without the path or address: the line names what went wrong, not what was given.
const SYSTEM_ERRORS_SV: Readonly<Record<string, string>> = {
  ENOENT: 'filen eller katalogen finns inte',
  EACCES: 'åtkomst nekad',
  EISDIR: 'är en katalog, inte en fil',
  ENOTDIR: 'är ingen katalog',
  ECONNREFUSED: 'servern tog inte emot anslutningen',
  ENOTFOUND: 'servern hittades inte',
};

/** One clear line for any error: the CLI's own message, or a system error in plain words. */
export function describeError(error: unknown, lang: Language = 'en'): string {
  if (isCliError(error)) return lang === 'sv' ? (error.sv?.message ?? error.message) : error.message;
  if (typeof error === 'object' && error !== null) {
    const { code, path, address, port, message, line, limit } = error as {
      line?: unknown;
      limit?: unknown;
      code?: unknown;
      path?: unknown;
      address?: unknown;
      port?: unknown;
      message?: unknown;
    };
    // A file that is not an export, or a line longer than allowed: the line, not the file's name.
    if (lang === 'sv' && code === 'EXPORT_FORMAT' && typeof line === 'number')
      return `rad ${line} i filen kan inte läsas: filen är ingen läsbar pinnstatistikexport`;
    if (lang === 'sv' && code === 'LINE_TOO_LONG' && typeof line === 'number')
      return `rad ${line} är längre än ${String(limit)} byte (--max-line-bytes höjer gränsen)`;
    // PostgreSQL: the tables are missing — a database the store never wrote to.
    if (code === '42P01' || code === '3F000')
      return lang === 'sv'
        ? 'databasen har ingen pinnstatistiklogg (tabellerna saknas: inget har skrivits till den)'
        : 'no pinnstatistik log in this database (its tables are missing: nothing was ever written to it)';
    const plain = typeof code === 'string' ? SYSTEM_ERRORS[code] : undefined;
    const swedish = typeof code === 'string' ? SYSTEM_ERRORS_SV[code] : undefined;
    if (lang === 'sv' && swedish !== undefined) return swedish;
    if (plain !== undefined) {
      if (typeof path === 'string') return `${path}: ${plain}`;
      if (typeof address === 'string') return `${address}${port === undefined ? '' : `:${port}`}: ${plain}`;
      return plain;
    }
    if (error instanceof AggregateError && error.errors.length > 0)
      return describeError(error.errors[0], lang);
    // Another library's message is English: in Swedish, say what happened without quoting it.
    if (lang === 'sv') return 'ett oväntat fel inträffade (kör kommandot igen med --debug för detaljer)';
    if (typeof message === 'string' && message !== '') return message.split('\n')[0] ?? message;
  }
  if (lang === 'sv') return 'ett oväntat fel inträffade (kör kommandot igen med --debug för detaljer)';
  return String(error);
}
