import {
  type CommandService,
  type CommandServiceOptions,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { numberedId as uuid } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';

// What the tests of commands on one busy sheet share: a fixed day after the year, one sheet of
// March 2025, commands numbered so that a number is always the same command.

export const clock = fixedClock('2025-12-31T12:00:00Z');
export {
  HOT_SHEET as hotSheet,
  hotSheetContact as contact,
  hotSheetVoid as voiding,
  numberedId as uuid,
} from '@pinnstatistik/core/testing';

/** A command service (a process) on a store and key store, with the Vaggeryd catalogue adopted. */
export async function serviceOn(
  store: EventStore,
  keys: KeyStore,
  options: Partial<Omit<CommandServiceOptions, 'store' | 'keys'>> = {},
): Promise<CommandService> {
  const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, ...options });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999_999),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return service;
}

/** An attacked process: a service on `store` (an attacker's wrapper) with few conflict retries, so a poisoned cache shows at once. */
export const victimService = (store: EventStore, keys: KeyStore): CommandService =>
  createCommandService({ store, keys, catalogueId: 'vaggeryd', clock, maxConflictRetries: 2 });

/** The receipt, or the test fails with the refusal's code. */
export function right<T>(result: E.Either<{ code: string }, T>): T {
  if (E.isLeft(result)) throw new Error(`unexpected refusal ${result.left.code}`);
  return result.right;
}

/** A command's answer as compared across runs: the receipt, or the refusal's code. */
export const answer = (result: E.Either<{ code: string }, unknown>) =>
  E.isRight(result) ? result.right : { refused: result.left.code };
