import type { CipherName } from './ciphers.js';
import { measureLive } from './measure-live.js';
import { measurePipeline } from './measure-pipeline.js';
import { measurePostgres } from './measure-postgres.js';
import { measureRaw } from './measure-raw.js';
import { measureStoreAppend } from './measure-store-append.js';

/** A measurement a child process runs, by name, with its parameters. */
export type Task =
  | { readonly kind: 'raw'; readonly n: number }
  | { readonly kind: 'store-append'; readonly n: number }
  | { readonly kind: 'pipeline'; readonly n: number; readonly cipher: CipherName }
  | { readonly kind: 'live'; readonly n: number; readonly cipher: CipherName }
  | { readonly kind: 'postgres'; readonly n: number; readonly url: string };

async function run(task: Task): Promise<unknown> {
  switch (task.kind) {
    case 'raw':
      return measureRaw(task.n);
    case 'store-append':
      return measureStoreAppend(task.n);
    case 'pipeline':
      return measurePipeline(task.n, task.cipher);
    case 'live':
      return measureLive(task.n, task.cipher);
    case 'postgres':
      return measurePostgres(task.n, task.url);
  }
}

// One measurement per process: a fresh heap and a cold JIT for every figure.
const send = (message: unknown): Promise<void> =>
  new Promise((resolve) => {
    if (process.send === undefined) {
      console.log(JSON.stringify(message));
      resolve();
    } else process.send(message, () => resolve());
  });

run(JSON.parse(process.argv[2] ?? '{}') as Task).then(
  async (result) => {
    await send({ ok: true, result });
    process.exit(0);
  },
  async (error: unknown) => {
    await send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
