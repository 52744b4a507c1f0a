import { isCliError } from './cli-error.js';

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'not a directory',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
};

/** One clear line for any error: the CLI's own message, or a system error in plain words. */
export function describeError(error: unknown): string {
  if (isCliError(error)) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { code, path, address, port, message } = error as {
      code?: unknown;
      path?: unknown;
      address?: unknown;
      port?: unknown;
      message?: unknown;
    };
    // PostgreSQL: the tables are missing — a database the store never wrote to.
    if (code === '42P01' || code === '3F000')
      return 'no pinnstatistik log in this database (its tables are missing: nothing was ever written to it)';
    const plain = typeof code === 'string' ? SYSTEM_ERRORS[code] : undefined;
    if (plain !== undefined) {
      if (typeof path === 'string') return `${path}: ${plain}`;
      if (typeof address === 'string') return `${address}${port === undefined ? '' : `:${port}`}: ${plain}`;
      return plain;
    }
    if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
    if (typeof message === 'string' && message !== '') return message.split('\n')[0] ?? message;
  }
  return String(error);
}
