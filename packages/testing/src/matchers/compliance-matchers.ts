import type { Catalogue, RefusalCode } from '@pinnstatistik/core';
import type { AuditSubject, ComplianceOptions } from '../compliance/audit-subject.js';
import { complyWith } from './comply-with.js';
import { refusedWith } from './refused-with.js';

/** A matcher's answer, in the shape vitest's (and jest's) `expect.extend` takes. */
export interface ComplianceMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/** The kit's matchers, for `expect.extend(complianceMatchers)` (the `./vitest` entry does it on import). */
export const complianceMatchers = {
  /** `expect(result).toBeRefusedWith('SERIES_LIMIT_REACHED')` — on an `Either` or a refusal. */
  toBeRefusedWith(received: unknown, code: RefusalCode): ComplianceMatcherResult {
    const verdict = refusedWith(received, code);
    return { pass: verdict.pass, message: () => verdict.message, actual: verdict.actual, expected: code };
  },
  /** `await expect(storeOrEvents).toComplyWith(catalogue)` — runs the compliance audit. */
  async toComplyWith(
    received: AuditSubject,
    catalogues?: Catalogue | readonly Catalogue[],
    options?: ComplianceOptions,
  ): Promise<ComplianceMatcherResult> {
    const verdict = await complyWith(received, catalogues, options);
    return { pass: verdict.pass, message: () => verdict.message, actual: verdict.actual, expected: [] };
  },
};

/** Registers the kit's matchers with an `expect` (vitest's, or any with a compatible `extend`). */
export function registerComplianceMatchers(expect: {
  extend(matchers: typeof complianceMatchers): void;
}): void {
  expect.extend(complianceMatchers);
}
