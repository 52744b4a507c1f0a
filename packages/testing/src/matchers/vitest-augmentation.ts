import type { Catalogue, RefusalCode } from '@pinnstatistik/core';
// The module augmented below must be part of the program that declares it.
import type {} from 'vitest';
import type { ComplianceOptions } from '../compliance/audit-subject.js';

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must match vitest's own declaration.
  interface Matchers<T = any> {
    /** Passes when the `Either` (or refusal) received is a refusal with this code. */
    toBeRefusedWith(code: RefusalCode): void;
  }
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must match vitest's own declaration.
  interface Assertion<T = any> {
    /** Passes when the compliance audit finds nothing in the store, system or events received. Await it. */
    toComplyWith(catalogues?: Catalogue | readonly Catalogue[], options?: ComplianceOptions): Promise<void>;
  }
}
