import { runDemo } from './run-demo.js';

runDemo().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
