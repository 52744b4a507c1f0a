import { stat } from 'node:fs/promises';
import type { EventStore, KeyStore } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { CliError } from '../cli/cli-error.js';
import { createJsonLinesEventStore } from '../jsonl/json-lines-event-store.js';
import { openKeyStore } from './open-key-store.js';
import { describeTarget, type SourceKind, sourceKindOf } from './source-kind.js';

/** A log the CLI opened: its events, the keys it could find, and how to let them go. */
export interface OpenedSource {
  readonly store: EventStore;
  /** `undefined` when no keys are available (an export carries none). */
  readonly keys: KeyStore | undefined;
  readonly kind: SourceKind;
  /** Where the log is, without credentials. */
  readonly description: string;
  /** Where the keys are, or why there are none. */
  readonly keysDescription: string;
  close(): Promise<void>;
}

/** How to open a source. */
export interface OpenSourceOptions {
  /** `--keys`: a key directory or `postgres://…`. PostgreSQL sources default to their own database's keys. */
  readonly keys?: string;
  /** Reading never migrates a database or creates a key directory; writing does. */
  readonly purpose: 'read' | 'write';
}

/**
 * Opens a log from the command line: a JSON Lines export (read-only), `esdb://…`/`kurrentdb://…`
 * (EventStoreDB/KurrentDB), `postgres://…` (PostgreSQL), or `memory` (to write into, e.g. a dry
 * run of `import`).
 */
export async function openSource(target: string, options: OpenSourceOptions): Promise<OpenedSource> {
  const kind = sourceKindOf(target);
  const description = describeTarget(target);
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    let store: EventStore;
    let keys: KeyStore | undefined;
    let keysDescription = 'no key store given';
    if (kind === 'file') {
      if (options.purpose === 'write') throw new CliError(`${target}: an export file cannot be written to`);
      const found = await stat(target).catch(() => undefined);
      if (found === undefined) throw new CliError(`${target}: no such file`);
      if (!found.isFile()) throw new CliError(`${target}: not a file`);
      store = createJsonLinesEventStore(target);
      keysDescription = 'an export carries no keys';
    } else if (kind === 'memory') {
      store = createMemoryEventStore();
    } else if (kind === 'eventstoredb') {
      const { connectEventStoreDbStore } = await import('@pinnstatistik/store-eventstore');
      const connected = await connectEventStoreDbStore(target);
      closers.push(() => connected.close());
      store = connected;
    } else {
      const { createPostgresEventStore, createPostgresKeyStore } = await import(
        '@pinnstatistik/store-postgres'
      );
      const migrate = options.purpose === 'write';
      const connected = await createPostgresEventStore({ connection: target, migrate });
      closers.push(() => connected.close());
      store = connected;
      if (options.keys === undefined) {
        const own = await createPostgresKeyStore({ connection: target, migrate });
        closers.push(() => own.close());
        keys = own;
        keysDescription = `keys in ${description}`;
      }
    }
    if (options.keys !== undefined) {
      const opened = await openKeyStore(options.keys, options.purpose);
      closers.push(() => opened.close());
      keys = opened.keys;
      keysDescription = opened.description;
    }
    return { store, keys, kind, description, keysDescription, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
