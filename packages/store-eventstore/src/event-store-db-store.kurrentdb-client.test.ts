import { describeOverDouble } from './testing/double-suite.js';

// @kurrent/kurrentdb-client against the gRPC double, on both append paths (one client package per test file).
describeOverDouble('kurrentdb-client');
