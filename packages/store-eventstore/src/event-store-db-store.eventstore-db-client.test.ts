import { describeOverDouble } from './testing/double-suite.js';

// @eventstore/db-client against the gRPC double, on both append paths (one client package per test file).
describeOverDouble('eventstore-db-client');
