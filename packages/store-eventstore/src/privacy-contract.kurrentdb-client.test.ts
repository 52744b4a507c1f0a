import { describePrivacyOverDouble } from './testing/double-privacy-suite.js';

// The privacy contract with @kurrent/kurrentdb-client against the gRPC double, on both append paths.
describePrivacyOverDouble('kurrentdb-client');
