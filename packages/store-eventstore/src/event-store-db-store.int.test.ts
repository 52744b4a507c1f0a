import { eventStoreContract } from '@pinnstatistik/core/testing';
import { describe, it } from 'vitest';
import { connectEventStoreDbStore } from './connect.js';

// The store contract against a real EventStoreDB / KurrentDB node. The scheme picks the client:
// esdb://… runs @eventstore/db-client, kurrentdb://… runs @kurrent/kurrentdb-client.
const url = process.env.ESDB_CONNECTION_STRING;
const shown = url?.replace(/\/\/[^@/]*@/, '//***@');

if (url === undefined || url === '') {
  console.warn(
    '[store-eventstore] ESDB_CONNECTION_STRING is not set: the store contract against a real server is SKIPPED. ' +
      'Start one (packages/store-eventstore/README.md) and set e.g. ESDB_CONNECTION_STRING=esdb://localhost:2113?tls=false',
  );
}

describe.skipIf(url === undefined || url === '')(
  url
    ? `EventStoreDB store against the real server at ${shown}: the store contract`
    : 'EventStoreDB store against a real server: SKIPPED, ESDB_CONNECTION_STRING is not set',
  () => {
    for (const contractCase of eventStoreContract()) {
      it(contractCase.name, () =>
        contractCase.run(async () => {
          const store = await connectEventStoreDbStore(url as string);
          return { store, dispose: () => store.close() };
        }),
      );
    }
  },
);
