import * as E from 'fp-ts/lib/Either.js';

// How the store-memory tests read a command's answer: the value of an accepted one (a refusal
// fails the test with its code), or the code of a refusal.

/** The value of an accepted command; a refusal throws its code. */
export async function ok<T>(promise: Promise<E.Either<{ code: string }, T>>): Promise<T> {
  const result = await promise;
  if (E.isLeft(result)) throw new Error(result.left.code);
  return result.right;
}

/** A refusal's code, or the accepted command's value. */
export async function answer(promise: Promise<E.Either<{ code: string }, unknown>>): Promise<unknown> {
  const result = await promise;
  return E.isLeft(result) ? result.left.code : result.right;
}
