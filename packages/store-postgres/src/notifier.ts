import type pg from 'pg';
import type { Database } from './database.js';

/** Wakes waiters when a schema's appends are announced over LISTEN/NOTIFY. */
export interface Notifier {
  /** A subscription starts needing notifications (the first one opens the listening connection). */
  acquire(): void;
  /** A subscription stops needing them (the last one closes the connection). */
  release(): void;
  /** Calls `callback` once, on the next notification; returns a function that cancels it. */
  onNext(callback: () => void): () => void;
  /** Stops listening for good. */
  close(): Promise<void>;
}

/**
 * LISTEN on one dedicated pooled connection while any subscription runs. Waiters are woken
 * on every notification, when the connection is (re)established (an append may have slipped
 * in before LISTEN took effect) and when it is lost; a lost connection is reopened after
 * `reconnectMs`, and meanwhile the subscriptions' polling carries on alone.
 */
export function createNotifier(database: Database, channel: string, reconnectMs = 1_000): Notifier {
  const callbacks = new Set<() => void>();
  let users = 0;
  let closed = false;
  let client: pg.PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const wakeAll = (): void => {
    const waiting = [...callbacks];
    callbacks.clear();
    for (const callback of waiting) callback();
  };

  const drop = (lost: pg.PoolClient, error?: Error): void => {
    lost.removeAllListeners('notification');
    try {
      lost.release(error ?? true);
    } catch {
      // already released
    }
  };

  const scheduleRetry = (): void => {
    if (closed || users === 0 || retry !== undefined) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (users > 0 && client === undefined && connecting === undefined) start();
    }, reconnectMs);
  };

  const start = (): void => {
    connecting = (async () => {
      let candidate: pg.PoolClient | undefined;
      try {
        candidate = await database.connect('listening for appends');
        const listening = candidate;
        listening.on('notification', (message) => {
          if (message.channel === channel) wakeAll();
        });
        const lost = (error?: Error): void => {
          if (error !== undefined) database.onFault(error, 'listening for appends');
          if (client !== listening) return;
          client = undefined;
          drop(listening, error ?? new Error('listening connection ended'));
          wakeAll();
          scheduleRetry();
        };
        listening.on('error', lost);
        listening.on('end', () => lost());
        await listening.query({
          text: `listen "${channel}"`,
          query_timeout: database.timeouts.queryTimeoutMs,
        } as pg.QueryConfig);
        if (closed || users === 0) {
          drop(listening);
          return;
        }
        client = listening;
        wakeAll();
      } catch (error) {
        database.onFault(error, 'listening for appends');
        if (candidate !== undefined)
          drop(candidate, error instanceof Error ? error : new Error(String(error)));
        scheduleRetry();
      } finally {
        connecting = undefined;
      }
    })();
  };

  const stop = (): void => {
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    const current = client;
    client = undefined;
    if (current !== undefined) drop(current);
  };

  return {
    acquire() {
      users += 1;
      if (!closed && client === undefined && connecting === undefined) start();
    },
    release() {
      users = Math.max(0, users - 1);
      if (users === 0) stop();
    },
    onNext(callback) {
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
    async close() {
      closed = true;
      users = 0;
      stop();
      await connecting;
      wakeAll();
    },
  };
}
