import { stat } from 'node:fs/promises';
import type { EventStore, KeyStore, LocalizedText } from '@pinnstatistik/core';
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
  /** Where the keys are, or why there are none, for notes in either language. */
  readonly keysDescription: LocalizedText;
  close(): Promise<void>;
}

/** How to open a source. */
export interface OpenSourceOptions {
  /** `--keys`: a key directory or `postgres://…` (never implied: keys live apart from the events). */
  readonly keys?: string;
  /** Reading never migrates a database or creates a key directory; writing does. */
  readonly purpose: 'read' | 'write';
}

/**
 * Opens a log from the command line: a JSON Lines export (read-only), `esdb://…`/`kurrentdb://…`
 * (EventStoreDB/KurrentDB), `postgres://…` (PostgreSQL), or `memory` (only to write into, e.g. a
 * dry run of `import`: reading `memory` is refused, it is always empty).
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
    let keysDescription: LocalizedText = { sv: 'inget nyckelförråd angivet', en: 'no key store given' };
    if (kind === 'file') {
      if (options.purpose === 'write')
        throw new CliError(`${target}: an export file cannot be written to`, {
          sv: { message: 'en exportfil kan bara läsas, inte skrivas till' },
        });
      const found = await stat(target).catch(() => undefined);
      if (found === undefined)
        throw new CliError(`${target}: no such file`, { sv: { message: 'den angivna filen finns inte' } });
      if (!found.isFile())
        throw new CliError(`${target}: not a file`, { sv: { message: 'det angivna är ingen fil' } });
      store = createJsonLinesEventStore(target);
      keysDescription = { sv: 'en exportfil innehåller inga nycklar', en: 'an export carries no keys' };
    } else if (kind === 'memory') {
      // A store in memory is born empty with this command and dies with it: reading it could
      // only ever show an empty log, which would look like a successful export of nothing.
      if (options.purpose === 'read')
        throw new CliError(
          'memory: a store in memory starts empty and ends with this command, so there is no log to read; give an export file, postgres://…, esdb://… or kurrentdb://… (pinnstatistik demo --export <file> writes a sample export)',
          {
            sv: {
              message:
                'memory: ett händelselager i minnet är tomt när kommandot börjar och försvinner när det slutar, så det finns ingen logg att läsa; ange en exportfil, postgres://…, esdb://… eller kurrentdb://… (pinnstatistik demo --export <fil> skriver en exempelexport)',
            },
          },
        );
      store = createMemoryEventStore();
    } else if (kind === 'eventstoredb') {
      const { connectEventStoreDbStore } = await import('@pinnstatistik/store-eventstore');
      const connected = await connectEventStoreDbStore(target);
      closers.push(() => connected.close());
      store = connected;
    } else {
      const { createPostgresEventStore } = await import('@pinnstatistik/store-postgres');
      const migrate = options.purpose === 'write';
      const connected = await createPostgresEventStore({ connection: target, migrate });
      closers.push(() => connected.close());
      store = connected;
      // Never the events' own database by default: a copy of the events must not carry the keys
      // that open them. An operator who shares one database says so with --keys <the same url>.
      keysDescription = {
        sv: 'inget nyckelförråd angivet (nycklarna förvaras skilda från händelserna: ange --keys)',
        en: 'no key store given (keys live apart from the events: pass --keys)',
      };
    }
    if (options.keys !== undefined) {
      const opened = await openKeyStore(options.keys, options.purpose);
      closers.push(() => opened.close());
      keys = opened.keys;
      keysDescription = {
        sv: opened.description.startsWith('keys in PostgreSQL')
          ? 'nycklarna i PostgreSQL'
          : `nycklarna i ${options.keys}`,
        en: opened.description,
      };
    }
    return { store, keys, kind, description, keysDescription, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
