import { describePrivacyOverDouble } from './testing/double-privacy-suite.js';

// The privacy contract with @eventstore/db-client against the gRPC double, on both append paths.
describePrivacyOverDouble('eventstore-db-client');
