import type { LocalizedText } from '@pinnstatistik/core';
import type { DisclosureOptions } from '../report/report-model.js';

/** The defaults: counts 1–4 are suppressed (k = 5), zeros are published. */
export const defaultDisclosureOptions: DisclosureOptions = Object.freeze({ k: 5, showZeros: true });

/** Why disclosure-control settings were refused. */
export interface InvalidDisclosureOptions {
  readonly code: 'INVALID_DISCLOSURE_OPTIONS';
  readonly k: number;
  readonly message: LocalizedText;
}

/** Settings checked, or why not. */
export type ResolvedDisclosureOptions =
  | { readonly ok: true; readonly options: DisclosureOptions }
  | { readonly ok: false; readonly problem: InvalidDisclosureOptions };

/**
 * Fills in the defaults and checks the threshold: k must be a whole number ≥ 1 (k = 1 means
 * no small count is suppressed). Use it on settings that come from users or files.
 */
export function resolveDisclosureOptions(
  options: Partial<DisclosureOptions> = {},
): ResolvedDisclosureOptions {
  const resolved: DisclosureOptions = {
    k: options.k ?? defaultDisclosureOptions.k,
    showZeros: options.showZeros ?? defaultDisclosureOptions.showZeros,
  };
  if (Number.isSafeInteger(resolved.k) && resolved.k >= 1) return { ok: true, options: resolved };
  return {
    ok: false,
    problem: {
      code: 'INVALID_DISCLOSURE_OPTIONS',
      k: resolved.k,
      message: {
        sv: `Tröskelvärdet k måste vara ett heltal större än eller lika med 1 (fick ${resolved.k}).`,
        en: `The threshold k must be a whole number greater than or equal to 1 (got ${resolved.k}).`,
      },
    },
  };
}

/** Whether a count is suppressed on its own (primary suppression): 1 … k − 1, and 0 when zeros are hidden. */
export function isSensitive(value: number, options: DisclosureOptions): boolean {
  if (value === 0) return !options.showZeros;
  // Anything else below k — a negative or fractional value should never occur — is withheld too.
  return value < options.k;
}
