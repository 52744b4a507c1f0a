import * as E from 'fp-ts/lib/Either.js';
import { configFromEnvironment } from './config.js';
import { startServer } from './server.js';

const config = configFromEnvironment(process.env);
if (E.isLeft(config)) {
  for (const problem of config.left.problems) console.error(problem);
  process.exitCode = 1;
} else {
  startServer(config.right)
    .then((server) => {
      const stop = (): void => {
        server.close().catch(() => undefined);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : 'the service could not start');
      process.exitCode = 1;
    });
}
