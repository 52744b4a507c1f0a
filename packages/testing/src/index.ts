/**
 * The testing kit for systems that embed pinnstatistik — the one place their tests import
 * from, under any runner (vitest, jest, `node:test`): given/when/then for the deciders and
 * for the command service's processes (series, sealing, working notes), compliance
 * assertions over a log or a store, fast-check arbitraries for valid commands and for
 * invalid ones labelled with the refusal each must produce, a seeded year, and fixtures.
 * The vitest matchers are in `@pinnstatistik/testing/vitest`; the store contract suites for
 * adapter authors stay in `@pinnstatistik/core/testing`.
 *
 * @packageDocumentation
 * @module @pinnstatistik/testing
 */

export {
  type CatalogueAdopted,
  REFUSAL_CODES,
  type Refusal,
  type RefusalCode,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
export {
  adopted,
  dateIn,
  given,
  givenTallySheet,
  type Outcome,
  personalIdentityNumber,
  type SeededYearOptions,
  seededYear,
  type Then,
  tallyingPolicies,
  validTallyCommand,
} from '@pinnstatistik/core/testing';
export { FINDING_CODES, type Finding, type FindingCode } from '@pinnstatistik/projections';
export { type InvalidTallyCommandOptions, invalidTallyCommand } from './arbitraries/invalid-tally-command.js';
export {
  type InvalidTallyCommand,
  type InvalidTallyVariants,
  invalidTallyVariants,
} from './arbitraries/invalid-tally-variants.js';
export { assertCompliant } from './compliance/assert-compliant.js';
export type {
  AuditedSystem,
  AuditSubject,
  ComplianceOptions,
  DomainEvent,
  LoggedEvent,
} from './compliance/audit-subject.js';
export { describeFindings } from './compliance/describe-findings.js';
export { findings } from './compliance/findings.js';
export { givenCatalogue } from './decider/given-catalogue.js';
export { type SealedYear, type SealedYearOptions, sealedYear } from './fixtures/sealed-year.js';
export { type MatcherVerdict, refusedWith } from './matchers/refused-with.js';
export { type GivenServiceOptions, givenService, type ServiceScenario } from './service/given-service.js';
export type {
  CloseSeriesCommand,
  ExpireSeriesCommand,
  OpenSeriesCommand,
  ReadNotesCommand,
  RecordSessionCommand,
  ResultOf,
  SealPeriodCommand,
  ServiceCommand,
  ServiceResults,
  UntrustedCommand,
  WriteNoteCommand,
} from './service/service-command.js';
export type { ExpectedEvent, ServiceOutcome, ServiceThen } from './service/service-then.js';
export { testCommandId } from './service/test-command-id.js';
export type { WrittenEvent } from './service/written-events.js';
