#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    // Connections to a server may hold the event loop open: leave once output has drained.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`pinnstatistik: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
