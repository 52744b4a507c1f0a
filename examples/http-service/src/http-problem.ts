import type { LocalizedText } from '@pinnstatistik/core';

/** A request the service cannot take at the HTTP level (before any policy is asked), as data. */
export interface HttpProblem {
  readonly status: 400 | 404 | 405 | 409 | 413 | 415 | 422 | 500;
  readonly code: string;
  readonly message: LocalizedText;
  /** Extra response headers (`Allow` for 405, `Connection: close` for 413). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Safe details: where a problem is, never what was sent. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

/** The HTTP-level problems, each with a stable code and a message in Swedish and English. */
export const problems = {
  malformedJson: (): HttpProblem => ({
    status: 400,
    code: 'MALFORMED_JSON',
    message: {
      sv: 'Begärans innehåll är inte giltig JSON (UTF-8).',
      en: 'The request body is not valid JSON (UTF-8).',
    },
  }),
  invalidQuery: (issues: readonly { path: string; message: string }[]): HttpProblem => ({
    status: 400,
    code: 'INVALID_QUERY',
    message: {
      sv: 'Frågeparametrarna är ogiltiga: from och to som ÅÅÅÅ-MM, granularity month, quarter eller year, method cell-key eller suppression.',
      en: 'The query parameters are invalid: from and to as YYYY-MM, granularity month, quarter or year, method cell-key or suppression.',
    },
    issues,
  }),
  /** A report the library refused: 409 when earlier releases conflict with it, 422 when no release of it could be protected. */
  reportRefused: (refusal: { readonly code: string; readonly message: LocalizedText }): HttpProblem => ({
    status: refusal.code === 'CANNOT_PROTECT' || refusal.code === 'PARTIAL_PERIOD' ? 422 : 409,
    code: refusal.code,
    message: refusal.message,
  }),
  notFound: (): HttpProblem => ({
    status: 404,
    code: 'NOT_FOUND',
    message: { sv: 'Det finns ingen sådan resurs.', en: 'There is no such resource.' },
  }),
  methodNotAllowed: (allowed: readonly string[]): HttpProblem => ({
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
    message: {
      sv: `Metoden stöds inte här; tillåtna: ${allowed.join(', ')}.`,
      en: `The method is not supported here; allowed: ${allowed.join(', ')}.`,
    },
    headers: { allow: allowed.join(', ') },
  }),
  payloadTooLarge: (limit: number): HttpProblem => ({
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: {
      sv: `Begärans innehåll är större än ${limit} byte.`,
      en: `The request body is larger than ${limit} bytes.`,
    },
    headers: { connection: 'close' },
  }),
  unsupportedMediaType: (): HttpProblem => ({
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: {
      sv: 'Skicka innehållet som application/json.',
      en: 'Send the body as application/json.',
    },
  }),
  internalError: (): HttpProblem => ({
    status: 500,
    code: 'INTERNAL_ERROR',
    message: {
      sv: 'Ett internt fel inträffade. Det går att försöka igen med samma commandId utan att något räknas två gånger.',
      en: 'An internal error occurred. Retrying with the same commandId is safe: nothing is counted twice.',
    },
  }),
} as const;
