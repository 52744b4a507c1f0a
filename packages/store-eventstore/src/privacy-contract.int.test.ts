import { privacyContract } from '@pinnstatistik/core/testing';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { describe, it } from 'vitest';
import { connectEventStoreDbStore } from './connect.js';
import { namespacedStore } from './testing/namespaced-store.js';

// The privacy contract (the full command service) against a real EventStoreDB / KurrentDB node,
// keys in memory. Its cases use fixed stream names and a real server is never emptied, so each
// case runs in a namespace of its own. The scheme picks the client, as in the store contract run.
const url = process.env.ESDB_CONNECTION_STRING;
const shown = url?.replace(/\/\/[^@/]*@/, '//***@');

if (url === undefined || url === '') {
  console.warn(
    '[store-eventstore] ESDB_CONNECTION_STRING is not set: the privacy contract against a real server is SKIPPED. ' +
      'Start one (packages/store-eventstore/README.md) and set e.g. ESDB_CONNECTION_STRING=esdb://localhost:2113?tls=false',
  );
}

describe.skipIf(url === undefined || url === '')(
  url
    ? `EventStoreDB store against the real server at ${shown}: the privacy contract`
    : 'EventStoreDB store against a real server: the privacy contract SKIPPED, ESDB_CONNECTION_STRING is not set',
  () => {
    const run = `privacy-${Date.now().toString(36)}-${process.pid}`;
    let cases = 0;
    for (const contractCase of privacyContract()) {
      it(contractCase.name, () =>
        contractCase.run(async () => {
          cases += 1;
          const store = await connectEventStoreDbStore(url as string);
          return {
            store: namespacedStore(store, `${run}-${cases}/`),
            keys: createMemoryKeyStore(),
            dispose: () => store.close(),
          };
        }),
      );
    }
  },
);
