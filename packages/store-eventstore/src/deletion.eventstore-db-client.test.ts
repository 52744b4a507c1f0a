import { describeDeletionOverDouble } from './testing/double-deletion-suite.js';

// Deletion, scavenge and appendBatch with @eventstore/db-client against the gRPC double, on both append paths.
describeDeletionOverDouble('eventstore-db-client');
