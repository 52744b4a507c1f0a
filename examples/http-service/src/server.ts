import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Catalogue,
  type Clock,
  type CommandService,
  createCommandService,
  type EventStore,
  type KeyStore,
  systemClock,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { createRequestHandler } from './request-handler.js';
import { jsonLinesLog, type Log } from './request-log.js';
import { healthRoutes } from './routes/health-routes.js';
import { seriesRoutes } from './routes/series-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';
import { tallyRoutes } from './routes/tally-routes.js';

/** How the service is started; every field has a default. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one (default 8080). */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1; `0.0.0.0` to accept other hosts). */
  readonly host?: string;
  /** The largest request body accepted, in bytes (default 32 KiB: a working note is at most 2,000 characters). */
  readonly bodyLimit?: number;
  /** The catalogue adopted at start (default: Vaggeryd's). */
  readonly catalogue?: Catalogue;
  /** Primary suppression threshold of `GET /statistics` (default 5); clients cannot lower it. */
  readonly disclosureK?: number;
  readonly store?: EventStore;
  readonly keys?: KeyStore;
  readonly clock?: Clock;
  readonly log?: Log;
}

/** A running service: where it listens, its command service, and how to stop it. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly service: CommandService;
  readonly store: EventStore;
  close(): Promise<void>;
}

/** Adopts the catalogue, then listens. Resolves once the port is bound. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const store = options.store ?? createMemoryEventStore();
  const keys = options.keys ?? createMemoryKeyStore();
  const catalogue = options.catalogue ?? vaggerydCatalogue();
  const log = options.log ?? jsonLinesLog;
  const service = createCommandService({
    store,
    keys,
    catalogueId: catalogue.id,
    clock: options.clock ?? systemClock,
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: crypto.randomUUID(), // adopting the same content again changes nothing
    catalogue,
  });
  if (adopted._tag === 'Left') throw new Error(`the catalogue was not adopted: ${adopted.left.message.en}`);

  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000 },
    createRequestHandler({
      routes: [
        ...tallyRoutes(service),
        ...seriesRoutes(service),
        ...statisticsRoutes(store, keys, options.disclosureK ?? 5, catalogue),
        ...healthRoutes(),
      ],
      bodyLimit: options.bodyLimit ?? 32 * 1024,
      log,
    }),
  );
  server.listen(options.port ?? 8080, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  log({
    event: 'listening',
    url: `http://${host}:${port}`,
    catalogue: `${catalogue.id}@${catalogue.version}`,
  });
  return {
    url: `http://${host}:${port}`,
    port,
    service,
    store,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeIdleConnections();
      await closed;
    },
  };
}
