/**
 * The kit's vitest matchers for `require()`: vitest cannot be loaded with `require`, so
 * nothing is registered on load; call `registerComplianceMatchers(expect)` with vitest's `expect`.
 *
 * @packageDocumentation
 */

import './matchers/vitest-augmentation.js';

export {
  type ComplianceMatcherResult,
  complianceMatchers,
  registerComplianceMatchers,
} from './matchers/compliance-matchers.js';
