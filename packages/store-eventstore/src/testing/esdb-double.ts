import { Server, ServerCredentials, type ServerWritableStream, status } from '@grpc/grpc-js';
import { appendHandler, batchAppendHandler } from './double-append.js';
import { deleteHandlers } from './double-delete.js';
import { createFaultSchedule, type FaultSchedule } from './double-faults.js';
import { createDoubleLog, type DoubleLog, type DoubleLogOptions } from './double-log.js';
import { readHandler } from './double-read.js';
import { type FaultNetwork, startFaultProxy } from './fault-proxy.js';
import { loadProtoModules, type ProtoFlavour } from './proto-modules.js';

/** Options of the gRPC test double. */
export interface EsdbDoubleOptions extends DoubleLogOptions {
  /** Whose generated protocol code to serve with: it must be the package of the client under test. */
  readonly protos: ProtoFlavour;
  /**
   * `'batch-append'` advertises `Streams.BatchAppend` through `ServerFeatures`, so clients
   * append through it; `'unimplemented'` answers `ServerFeatures` with UNIMPLEMENTED (as a
   * server before 21.10), so clients fall back to the classic `Streams.Append`.
   */
  readonly serverFeatures?: 'batch-append' | 'unimplemented';
  /**
   * Whether subscriptions send the caught-up message after catching up (default true): servers
   * before EventStoreDB 23.10 do not, and neither does the double with `false`.
   */
  readonly caughtUpSignal?: boolean;
}

/** A running double. */
export interface EsdbDouble {
  /** The port clients connect to: the fault proxy's, in front of the gRPC server. */
  readonly port: number;
  /** The insecure connection string for the given client package. */
  connectionString(client?: ProtoFlavour): string;
  readonly log: DoubleLog;
  /** How many calls each method received, by method name (e.g. `BatchAppend`). */
  readonly calls: ReadonlyMap<string, number>;
  /** Ends every open subscription with UNAVAILABLE, as a node going down would. */
  dropSubscriptions(): void;
  /** The network between the clients and the double: drop, reset, stall, or take the node down. */
  readonly network: FaultNetwork;
  /** Faults for single calls: the next append, read or tombstone is dropped, reset or stalled. */
  readonly faults: FaultSchedule;
  close(): Promise<void>;
}

function count(calls: Map<string, number>, method: string): void {
  calls.set(method, (calls.get(method) ?? 0) + 1);
}

/**
 * A test double of an EventStoreDB / KurrentDB node at the gRPC level: a real `@grpc/grpc-js`
 * server on `127.0.0.1:0`, speaking the v1 protocol with the message classes of the client
 * package under test, behind a TCP proxy for fault injection. It serves `ServerFeatures`,
 * `Streams.Append`, `Streams.BatchAppend`, `Streams.Read` (streams, `$all`, filtered `$all`
 * subscriptions with checkpoints and caught-up), `Streams.Delete` and `Streams.Tombstone` over
 * {@link createDoubleLog}'s storage semantics.
 */
export async function startEsdbDouble(options: EsdbDoubleOptions): Promise<EsdbDouble> {
  const protos = loadProtoModules(options.protos);
  const log = createDoubleLog(options);
  const calls = new Map<string, number>();
  const subscriptions = new Map<ServerWritableStream<never, never>, () => void>();
  const server = new Server();

  if (options.serverFeatures !== 'unimplemented') {
    server.addService(protos.featuresGrpc.ServerFeaturesService, {
      getSupportedMethods(_call: unknown, callback: (error: null, value: unknown) => void) {
        count(calls, 'GetSupportedMethods');
        const { SupportedMethod, SupportedMethods } = protos.featuresPb;
        const methods = ['Read', 'Append', 'BatchAppend', 'Delete', 'Tombstone'].map((method) =>
          new SupportedMethod().setServiceName('event_store.client.streams.Streams').setMethodName(method),
        );
        const version = options.caughtUpSignal === false ? '22.10.0' : '24.10.0';
        callback(null, new SupportedMethods().setEventStoreServerVersion(version).setMethodsList(methods));
      },
    });
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    );
  });
  const proxy = await startFaultProxy(port);
  const faults = createFaultSchedule(proxy);

  const read = readHandler(
    protos,
    log,
    {
      add(call, stop) {
        const key = call as unknown as ServerWritableStream<never, never>;
        subscriptions.set(key, stop);
        call.on('close', () => subscriptions.delete(key));
      },
    },
    { caughtUpSignal: options.caughtUpSignal ?? true },
    faults,
  );
  const append = appendHandler(protos, log, faults);
  const batchAppend = batchAppendHandler(protos, log, faults);
  const deletes = deleteHandlers(protos, log, faults);
  server.addService(protos.streamsGrpc.StreamsService, {
    read: (call: Parameters<typeof read>[0]) => {
      count(calls, 'Read');
      read(call);
    },
    append: (call: Parameters<typeof append>[0], callback: Parameters<typeof append>[1]) => {
      count(calls, 'Append');
      append(call, callback);
    },
    batchAppend: (call: Parameters<typeof batchAppend>[0]) => {
      count(calls, 'BatchAppend');
      batchAppend(call);
    },
    delete: (...args: Parameters<typeof deletes.delete>) => {
      count(calls, 'Delete');
      deletes.delete(...args);
    },
    tombstone: (...args: Parameters<typeof deletes.tombstone>) => {
      count(calls, 'Tombstone');
      deletes.tombstone(...args);
    },
  });

  return {
    port: proxy.port,
    connectionString: (client = options.protos) =>
      `${client === 'kurrentdb-client' ? 'kurrentdb' : 'esdb'}://127.0.0.1:${proxy.port}?tls=false`,
    log,
    calls,
    network: proxy,
    faults,
    dropSubscriptions() {
      for (const [call, stop] of [...subscriptions]) {
        stop();
        subscriptions.delete(call);
        call.emit('error', { code: status.UNAVAILABLE, details: 'Server is shutting down' });
      }
    },
    close: async () => {
      faults.clear();
      await proxy.close();
      await new Promise<void>((resolve) => {
        for (const stop of subscriptions.values()) stop();
        server.tryShutdown(() => resolve());
        // Open (or stalled) calls keep the server from shutting down gracefully.
        setTimeout(() => server.forceShutdown(), 200).unref();
      });
    },
  };
}
