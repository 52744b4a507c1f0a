import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./fault-child.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

/** A running fault-child process. */
export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  /** Every JSON message it printed so far. */
  readonly messages: Record<string, unknown>[];
  /** Resolves with the first message that has `key`. */
  message(key: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when it has exited: its code (null when killed by a signal) and everything on stderr. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  send(line: string): void;
}

/** Starts `test/fault-child.ts <mode> <url> …args` under tsx, with the workspace's path aliases. */
export function spawnChild(mode: string, url: string, ...args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, url, ...args], {
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const messages: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      messages.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      messages.push({ text: line });
    }
    for (const listener of [...listeners]) listener();
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) =>
      child.on('close', (code, signal) => {
        for (const listener of [...listeners]) listener();
        resolve({ code, signal, stderr });
      }),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  return {
    process: child,
    messages,
    exited,
    send: (line) => {
      if (!gone) child.stdin.write(`${line}\n`);
    },
    message: (key, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = messages.find((message) => key in message);
          if (found !== undefined) {
            cleanup();
            resolve(found);
          } else if (gone) {
            cleanup();
            reject(new Error(`the child exited without "${key}": ${stderr.slice(-2_000)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no "${key}" from the child within ${timeoutMs} ms: ${stderr.slice(-2_000)}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
  };
}
