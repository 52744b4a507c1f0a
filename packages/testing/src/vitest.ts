/**
 * The kit's vitest matchers, registered with vitest's `expect` on import:
 * `import '@pinnstatistik/testing/vitest'` (in a test file or a `setupFiles` entry), then
 * `expect(result).toBeRefusedWith(code)` and `await expect(store).toComplyWith(catalogue)`.
 * `node:test` users never load this entry, and so never load vitest.
 *
 * @packageDocumentation
 * @module @pinnstatistik/testing/vitest
 */

import './matchers/vitest-augmentation.js';
import { expect } from 'vitest';
import { complianceMatchers } from './matchers/compliance-matchers.js';

expect.extend(complianceMatchers);

export {
  type ComplianceMatcherResult,
  complianceMatchers,
  registerComplianceMatchers,
} from './matchers/compliance-matchers.js';
