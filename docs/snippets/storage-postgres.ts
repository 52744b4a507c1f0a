import { createCommandService, systemClock } from '@pinnstatistik/core';
import { createPostgresEventStore, createPostgresKeyStore } from '@pinnstatistik/store-postgres';

// Events in the database the municipality already runs, keys in another one (a copy of the
// events must not carry the keys); each package creates and migrates its schema itself.
const store = await createPostgresEventStore({
  connection: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pinnstatistik',
});
const keys = await createPostgresKeyStore({
  connection: process.env.KEYS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pinnstatistik_keys',
});
export const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: systemClock });
