/** The HTTP service example: start it in-process (tests do) or with `pnpm start`. */
export { type ConfigProblem, configFromEnvironment } from './config.js';
export { negotiateLanguage } from './language.js';
export { type RunningServer, type ServerOptions, startServer } from './server.js';
