import type { EventData, KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { ClientResolvedEvent, ClientSeam, ClientSubscription } from './client-seam.js';

/**
 * The seam over `@kurrent/kurrentdb-client` (`streamState`; errors carry `actualState`; stream
 * and `$all` reads are async iterators over its Rust bridge, subscriptions stay on gRPC-js).
 */
export function kurrentDbClientSeam(client: KurrentDBClient): ClientSeam {
  return {
    kind: 'kurrentdb-client',
    append: (stream, events, expected) =>
      client.appendToStream(stream, events as unknown as EventData[], { streamState: expected }),
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
