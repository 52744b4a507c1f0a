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
/** The suppression symbol and the bilingual legends. */
export { type CellKeyLegendFacts, cellKeyLegend, legend, suppressedSymbol } from './legend.js';
/** The quantities suppressed on their own (counts 1 … k − 1). */
export { primarySuppressions } from './primary-suppression.js';
/** Suppression protected jointly with earlier releases against the integer intruder. */
export { type JointProtection, type JointProtectionContext, protectJointly } from './protect-jointly.js';
/** What releases tell the intruder, and what the defender checks. */
export { protectionLevel, releaseKnowledge, type SuppressedRelease, supportId } from './release-knowledge.js';
/** The complementary suppressions, verified by the linear attack. */
export { secondarySuppressions } from './secondary-suppression.js';
