import type { CipherName } from './ciphers.js';
import type { PeerName } from './peers/implementations.js';
import type { PostgresPeerName } from './peers/measure-postgres-peers.js';

/** A measurement a child process runs, by name, with its parameters. */
export type Task =
  | { readonly kind: 'raw'; readonly n: number }
  | { readonly kind: 'store-append'; readonly n: number }
  | { readonly kind: 'pipeline'; readonly n: number; readonly cipher: CipherName }
  | { readonly kind: 'live'; readonly n: number; readonly cipher: CipherName }
  | { readonly kind: 'postgres'; readonly n: number; readonly url: string }
  | { readonly kind: 'postgres-ops'; readonly n: number; readonly url: string }
  | { readonly kind: 'guard' }
  | { readonly kind: 'peer'; readonly n: number; readonly peer: PeerName }
  | {
      readonly kind: 'peer-postgres';
      readonly n: number;
      readonly peer: PostgresPeerName;
      readonly url: string;
    };

// Each measurement loads only its own module: a child measures one thing and pays for no other.
async function run(task: Task): Promise<unknown> {
  switch (task.kind) {
    case 'raw':
      return (await import('./measure-raw.js')).measureRaw(task.n);
    case 'store-append':
      return (await import('./measure-store-append.js')).measureStoreAppend(task.n);
    case 'pipeline':
      return (await import('./measure-pipeline.js')).measurePipeline(task.n, task.cipher);
    case 'live':
      return (await import('./measure-live.js')).measureLive(task.n, task.cipher);
    case 'postgres':
      return (await import('./measure-postgres.js')).measurePostgres(task.n, task.url);
    case 'postgres-ops':
      return (await import('./measure-postgres-ops.js')).measurePostgresOps(task.url, task.n);
    case 'guard':
      return (await import('./measure-guard.js')).measureGuard();
    case 'peer':
      return (await import('./peers/measure-peers.js')).measurePeer(task.peer, task.n);
    case 'peer-postgres':
      return (await import('./peers/measure-postgres-peers.js')).measurePostgresPeer(
        task.peer,
        task.n,
        task.url,
      );
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
