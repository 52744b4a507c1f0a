/**
 * Testing kit for pinnstatistik: given/when/then for the deciders, runner-agnostic.
 *
 * @packageDocumentation
 * @module @pinnstatistik/core/testing
 */

export { dateIn, personalIdentityNumber, tallyingPolicies, validTallyCommand } from './arbitraries.js';
export {
  type AttackCase,
  type AttackerSuiteOptions,
  type AttackFigures,
  attackerSuite,
} from './attacker/attacker-suite.js';
export { type AttackerView, type ClearEvent, occurrences, viewOf } from './attacker/attacker-view.js';
export type { AttackedStores } from './attacker/attacker-year.js';
export { clearData, eventsOf, rechained } from './attacker/forged-events.js';
export { appendKeyless, type ForgedEvent } from './attacker/keyless-writer.js';
export { ATTACKED_SHEET, numberedCommands } from './attacker/numbered-commands.js';
export { collect } from './collect.js';
export { type ContractCase, type EventStoreFactory, eventStoreContract } from './event-store-contract.js';
export { given, type Outcome, type Then } from './given-when-then.js';
export {
  HOT_SHEET,
  hotSheetContact,
  hotSheetVoid,
  numberedId,
  SESSION_MARKS,
} from './hot-sheet-commands.js';
export { type KeyStoreContractCase, type KeyStoreFactory, keyStoreContract } from './key-store-contract.js';
export { type PrivacyContractCase, type PrivacyFactory, privacyContract } from './privacy-contract.js';
export {
  type CommandRecorder,
  createCommandRecorder,
  type RecordedCommands,
  recordCommands,
} from './record-commands.js';
export {
  type ContactInput,
  type SeededSeries,
  type SeededYearOptions,
  type SeededYearParts,
  seededYear,
  seededYearParts,
} from './seeded-year.js';
export { adopted, givenSeriesSessions, givenTallySheet } from './tally-sheet-scenario.js';
