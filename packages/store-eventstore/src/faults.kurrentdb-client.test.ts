import { describeFaultsOverDouble } from './testing/double-fault-suite.js';

// Connection faults with @kurrent/kurrentdb-client against the gRPC double, on both append paths.
describeFaultsOverDouble('kurrentdb-client');
