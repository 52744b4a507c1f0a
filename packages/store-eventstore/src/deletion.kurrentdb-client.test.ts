import { describeDeletionOverDouble } from './testing/double-deletion-suite.js';

// Deletion, scavenge and appendBatch with @kurrent/kurrentdb-client against the gRPC double, on both append paths.
describeDeletionOverDouble('kurrentdb-client');
