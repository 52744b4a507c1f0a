// The opening worker run from its TypeScript source (the tests, `pnpm bench:source`): a worker
// takes no loader from its parent, so tsx is registered here. The built package runs
// `dist/open-worker.js` instead.
import { register } from 'tsx/esm/api';

register();
await import('./open-worker.ts');
