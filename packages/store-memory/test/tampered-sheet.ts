import { type EventStore, isIntegrityError } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, right, serviceOn, victimService } from './sheet-fixture.js';

/**
 * A service on a store an attacker wraps (`tamper` gives the store the service reads and writes
 * through, and a way to arm it), with `tallies` contacts recorded on the hot sheet through it —
 * so the service has verified every event before the attack is armed.
 */
export async function sheetUnderAttack<Arm>(
  tamper: (inner: ReturnType<typeof createMemoryEventStore>) => { store: EventStore; arm: Arm },
  tallies: number,
) {
  const inner = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const { store, arm } = tamper(inner);
  await serviceOn(inner, keys);
  const service = victimService(store, keys);
  const receipts = [];
  for (let n = 1; n <= tallies; n += 1) receipts.push(right(await service.tally(contact(n))));
  return { inner, service, receipts, arm };
}

/** A command's outcome as an attack test compares it: written, a refusal's code, or a reported integrity error. */
export const outcome = (result: unknown): string =>
  isIntegrityError(result)
    ? 'integrity error'
    : E.isLeft(result as E.Either<{ code: string }, unknown>)
      ? (result as E.Left<{ code: string }>).left.code
      : 'written';
