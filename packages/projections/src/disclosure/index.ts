/** Disclosure control for published statistics: suppression, the linear attack, legend. */

/** Suppresses small counts and their complements so no suppressed quantity can be recovered. */
export {
  applyDisclosureControl,
  publishTables,
  type SuppressionPattern,
  suppressionPattern,
} from './apply-disclosure-control.js';
/** The intruder: solves a published report's equations exactly and returns what it pins down. */
export { attackReport, type RecoveredQuantity, type ReportAttack } from './attack-report.js';
/** Checks raw tables (shape, counts, additivity, shared keys) before they are published. */
export { checkRawTables, type RawTableProblem } from './check-raw-tables.js';
/** Default settings, their validation, and the primary-suppression rule. */
export {
  defaultDisclosureOptions,
  type InvalidDisclosureOptions,
  isSensitive,
  type ResolvedDisclosureOptions,
  resolveDisclosureOptions,
} from './disclosure-options.js';
/** The suppression symbol and the bilingual legend. */
export { legend, suppressedSymbol } from './legend.js';
/** The quantities suppressed on their own (counts 1 … k − 1). */
export { primarySuppressions } from './primary-suppression.js';
/** The complementary suppressions, verified by the linear attack. */
export { secondarySuppressions } from './secondary-suppression.js';
