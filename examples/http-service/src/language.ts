import type { Language } from '@pinnstatistik/core';
import Negotiator from 'negotiator';

/** The languages the service answers in, Swedish first: it is the default. */
export const LANGUAGES: readonly Language[] = ['sv', 'en'];

/**
 * The language to answer in, by the request's `Accept-Language` (RFC 9110 §12.5.4), with its
 * q-values, ranges (`en-GB` is served `en`) and `*` parsed by `negotiator`. Swedish when the
 * header is absent or names nothing the service speaks: the municipality's own language.
 */
export function negotiateLanguage(acceptLanguage: string | string[] | undefined): Language {
  const chosen = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(LANGUAGES);
  return chosen === 'en' ? 'en' : 'sv';
}
