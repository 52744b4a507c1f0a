import { describeFaultsOverDouble } from './testing/double-fault-suite.js';

// Connection faults with @eventstore/db-client against the gRPC double, on both append paths.
describeFaultsOverDouble('eventstore-db-client');
