import type { EventData, KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { ClientResolvedEvent, ClientSeam, ClientSubscription } from './client-seam.js';

/** The expected state `tombstoneStream` takes (`'stream_exists'` included). */
type TombstoneExpected = NonNullable<Parameters<KurrentDBClient['tombstoneStream']>[1]>['expectedRevision'];

/**
 * The seam over `@kurrent/kurrentdb-client` (`streamState` for appends, `expectedRevision` for
 * `tombstoneStream`; errors carry `actualState`; stream and `$all` reads are async iterators
 * over its Rust bridge, appends, tombstones and subscriptions stay on gRPC-js).
 */
export function kurrentDbClientSeam(client: KurrentDBClient): ClientSeam {
  return {
    kind: 'kurrentdb-client',
    append: (stream, events, expected, deadline) =>
      client.appendToStream(stream, events as unknown as EventData[], { streamState: expected, deadline }),
    tombstone: (stream, expected, deadline) =>
      client.tombstoneStream(stream, { expectedRevision: expected as TombstoneExpected, deadline }),
    readStream: (stream, options) =>
      client.readStream(stream, options) as unknown as AsyncIterable<ClientResolvedEvent>,
    readAll: (options) => client.readAll(options) as unknown as AsyncIterable<ClientResolvedEvent>,
    subscribeToAll: (options) => client.subscribeToAll(options) as unknown as ClientSubscription,
    actualRevisionOf(error) {
      if ((error as { type?: unknown } | null)?.type !== 'wrong-expected-version') return undefined;
      return (error as { actualState: bigint | 'no_stream' }).actualState;
    },
    dispose: () => client.dispose(),
  };
}
