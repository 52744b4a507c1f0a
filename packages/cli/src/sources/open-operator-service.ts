import {
  type Clock,
  type CommandService,
  createCommandService,
  fixedClock,
  STREAM_PREFIXES,
  systemClock,
} from '@pinnstatistik/core';
import { CliError } from '../cli/cli-error.js';
import { type OpenedSource, openSource } from './open-source.js';

/** The command service an operator's job runs, on a writable store with its keys. */
export interface OperatorService {
  readonly service: CommandService;
  readonly source: OpenedSource;
  readonly catalogueId: string;
  /** The job's clock (`--today`, else the system's), for what it writes beside the service. */
  readonly clock: Clock;
}

/** How an operator's job opens the store. */
export interface OperatorOptions {
  readonly store: string;
  readonly keys?: string;
  readonly catalogue?: string;
  readonly today?: string;
}

async function discoverCatalogueId(source: OpenedSource): Promise<string> {
  for await (const event of source.store.readAll()) {
    if (event.type === 'CatalogueAdopted' && event.stream.startsWith(STREAM_PREFIXES.catalogue))
      return event.stream.slice(STREAM_PREFIXES.catalogue.length);
  }
  throw new CliError(`${source.description} holds no adopted catalogue: nothing to do`, {
    sv: { message: 'händelselagret har ingen antagen katalog: inget att göra' },
  });
}

/**
 * Opens the store and keys for `seal` and `series expire`: a server (`esdb://…`, `kurrentdb://…`
 * or `postgres://…`) and keys (`--keys`, always: keys live apart from the events). The
 * catalogue id is the log's own unless `--catalogue` names one.
 */
export async function openOperatorService(options: OperatorOptions): Promise<OperatorService> {
  const source = await openSourceForJob(options);
  try {
    if (source.keys === undefined)
      throw new CliError(`--keys is required with ${source.description} (a key directory or postgres://…)`, {
        sv: {
          message: '--keys måste anges för det här händelselagret (en nyckelkatalog eller postgres://…)',
        },
      });
    const catalogueId = options.catalogue ?? (await discoverCatalogueId(source));
    const clock = options.today === undefined ? systemClock : fixedClock(`${options.today}T12:00:00Z`);
    const service = createCommandService({ store: source.store, keys: source.keys, catalogueId, clock });
    return { service, source, catalogueId, clock };
  } catch (error) {
    await source.close();
    throw error;
  }
}

async function openSourceForJob(options: OperatorOptions): Promise<OpenedSource> {
  if (!/^(esdb|kurrentdb|kurrent|kdb|postgres|postgresql)(\+discover)?:\/\//.test(options.store))
    throw new CliError(
      '--store must be esdb://…, kurrentdb://… or postgres://… (an export file is read-only)',
      {
        sv: {
          message:
            '--store ska vara esdb://…, kurrentdb://… eller postgres://… (en exportfil kan bara läsas)',
        },
      },
    );
  return openSource(options.store, {
    purpose: 'write',
    ...(options.keys === undefined ? {} : { keys: options.keys }),
  });
}
