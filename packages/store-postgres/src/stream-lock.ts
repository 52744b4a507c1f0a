import type { Database } from './database.js';
import { createSlots } from './slots.js';

/**
 * Advisory-lock class for streams ("pins"); the second key is the hash of the schema and the
 * stream's name — advisory locks belong to the database, and stores in other schemas of it must
 * not take turns with this one (`stream-lock-schemas.int.test.ts`).
 */
const STREAM_LOCK_CLASS = 0x70696e73;

/** Runs a body while holding a stream's lock, across processes (see {@link createStreamLocks}). */
export type StreamLocks = <T>(stream: string, body: () => Promise<T>) => Promise<T>;

/**
 * Per-stream mutual exclusion for writers that read a stream, decide, and append with the
 * revision they read: within the process a queue per stream, across processes a PostgreSQL
 * session advisory lock on a connection of its own, taken before the body and released after
 * it. Writers then wait their turn instead of colliding and retrying; a process that dies
 * loses its session, and the server releases its lock. Waiting for the lock is bounded by the
 * statement timeout (then `StoreUnavailable`, nothing written). Streams whose names hash alike
 * share a lock, which only serialises them.
 */
export function createStreamLocks(database: Database, schema: string): StreamLocks {
  const queues = new Map<string, Promise<unknown>>();
  // A held lock keeps a pooled connection while its body reads and appends on others: with a
  // lock on every connection, no body could go on. Locks held at once leave two connections
  // (the body's work, the listener) — sheets beyond that wait here, holding none.
  const slots = createSlots((database.pool.options.max ?? 10) - 2);

  // The caller is answered as soon as the body ends; the unlock follows on the same session
  // (the next turn waits for it on the server, not this writer). An unlock that fails leaves a
  // broken session, which is closed, and the server releases a closed session's locks.
  const underServerLock = async <T>(stream: string, body: () => Promise<T>): Promise<T> => {
    const release = await slots();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      database
        .withSession('a stream lock', async (session) => {
          await session.query({
            name: 'pinnstatistik-stream-lock',
            text: 'select pg_advisory_lock($1, hashtext($2))',
            values: [STREAM_LOCK_CLASS, `${schema}/${stream}`],
          });
          try {
            resolve(await body());
          } catch (error) {
            reject(error);
          } finally {
            settled = true;
            await session.query({
              name: 'pinnstatistik-stream-unlock',
              text: 'select pg_advisory_unlock($1, hashtext($2))',
              values: [STREAM_LOCK_CLASS, `${schema}/${stream}`],
            });
          }
        })
        .catch((error: unknown) => {
          if (!settled) reject(error);
        })
        .finally(release);
    });
  };

  return (stream, body) => {
    const previous = queues.get(stream) ?? Promise.resolve();
    const turn = previous.then(
      () => underServerLock(stream, body),
      () => underServerLock(stream, body),
    );
    const settled = turn.catch(() => undefined);
    queues.set(stream, settled);
    void settled.then(() => {
      if (queues.get(stream) === settled) queues.delete(stream);
    });
    return turn;
  };
}
