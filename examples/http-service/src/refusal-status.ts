import type { RefusalCode } from '@pinnstatistik/core';

/**
 * The status of a refusal: 422 Unprocessable Content — the request was well-formed JSON, the
 * policy said no. Only `CONCURRENCY_CONFLICT` differs: 409, because nothing is wrong with the
 * request and sending it again as is will succeed.
 */
export function refusalStatus(code: RefusalCode): 409 | 422 {
  return code === 'CONCURRENCY_CONFLICT' ? 409 : 422;
}
