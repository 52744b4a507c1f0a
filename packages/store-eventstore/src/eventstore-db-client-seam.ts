import type { EventData, EventStoreDBClient } from '@eventstore/db-client';
import type { ClientResolvedEvent, ClientSeam, ClientSubscription } from './client-seam.js';

/** The expected state `tombstoneStream` takes (`'stream_exists'` included). */
type TombstoneExpected = NonNullable<
  Parameters<EventStoreDBClient['tombstoneStream']>[1]
>['expectedRevision'];

/** The seam over `@eventstore/db-client` (`expectedRevision`; errors carry `actualVersion`). */
export function eventStoreDbClientSeam(client: EventStoreDBClient): ClientSeam {
  return {
    kind: 'eventstore-db-client',
    append: (stream, events, expected, deadline) =>
      client.appendToStream(stream, events as unknown as EventData[], {
        expectedRevision: expected,
        deadline,
      }),
    tombstone: (stream, expected, deadline) =>
      client.tombstoneStream(stream, { expectedRevision: expected as TombstoneExpected, deadline }),
    readStream: (stream, options) =>
      client.readStream(stream, options) as unknown as AsyncIterable<ClientResolvedEvent>,
    readAll: (options) => client.readAll(options) as unknown as AsyncIterable<ClientResolvedEvent>,
    subscribeToAll: (options) => client.subscribeToAll(options) as unknown as ClientSubscription,
    actualRevisionOf(error) {
      if ((error as { type?: unknown } | null)?.type !== 'wrong-expected-version') return undefined;
      return (error as { actualVersion: bigint | 'no_stream' }).actualVersion;
    },
    dispose: () => client.dispose(),
  };
}
