import { createCommandService, systemClock } from '@pinnstatistik/core';
import { connectEventStoreDbStore } from '@pinnstatistik/store-eventstore';
import { createFileKeyStore } from '@pinnstatistik/store-memory';

// EventStoreDB / KurrentDB for the log; keys cannot live in an append-only store, so they go
// to a key store that can destroy them (here files; PostgreSQL's key store works too).
const store = await connectEventStoreDbStore(
  process.env.ESDB_CONNECTION_STRING ?? 'esdb://127.0.0.1:2113?tls=false',
);
const keys = createFileKeyStore('/var/lib/pinnstatistik/keys');
export const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: systemClock });
