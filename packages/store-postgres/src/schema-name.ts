/** The schema the package uses when none is given. */
export const DEFAULT_SCHEMA = 'pinnstatistik';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema name, checked and quoted for SQL. Only lower-case identifiers are accepted, so
 * the name means the same quoted and unquoted; anything else is a programmer error.
 */
export function quoteSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new TypeError(
      `not a schema name pinnstatistik accepts (lower-case letters, digits, _; at most 63): ${JSON.stringify(schema)}`,
    );
  }
  return `"${schema}"`;
}

/** The LISTEN/NOTIFY channel a schema's appends are announced on (at most 63 bytes). */
export function notifyChannel(schema: string): string {
  return `${schema.slice(0, 50)}_appended`;
}
