/**
 * Testing kit for pinnstatistik: given/when/then for the deciders, runner-agnostic.
 *
 * @packageDocumentation
 */

export { dateIn, personalIdentityNumber, tallyingPolicies, validTallyCommand } from './arbitraries.js';
export { collect } from './collect.js';
export { type ContractCase, type EventStoreFactory, eventStoreContract } from './event-store-contract.js';
export { given, type Outcome, type Then } from './given-when-then.js';
export { type KeyStoreContractCase, type KeyStoreFactory, keyStoreContract } from './key-store-contract.js';
export { type PrivacyContractCase, type PrivacyFactory, privacyContract } from './privacy-contract.js';
export { type SeededYearOptions, seededYear } from './seeded-year.js';
export { adopted, givenTallySheet } from './tally-sheet-scenario.js';
