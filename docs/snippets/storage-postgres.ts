import { createCommandService, systemClock } from '@pinnstatistik/core';
import { createPostgresEventStore, createPostgresKeyStore } from '@pinnstatistik/store-postgres';

// Events and keys in the database the municipality already runs; the package creates and
// migrates its schema itself (versioned migrations under an advisory lock).
const connection = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pinnstatistik';
const store = await createPostgresEventStore({ connection });
const keys = await createPostgresKeyStore({ connection });
export const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: systemClock });
