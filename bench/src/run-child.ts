import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Task } from './child.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

/** Extra node flags for CPU profiles (`--cpu-prof`), set by the runner. */
export const childFlags: string[] = [];

/** Runs one measurement in a fresh node process (with `--expose-gc`) and returns its result. */
export function runChild<Result>(task: Task): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(task)], {
      execArgv: [...process.execArgv, '--expose-gc', '--max-old-space-size=12288', ...childFlags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answered = false;
    child.on('message', (message: { ok: boolean; result?: Result; error?: string }) => {
      answered = true;
      if (message.ok) resolve(message.result as Result);
      else reject(new Error(`${task.kind} failed in its child process:\n${message.error}`));
    });
    child.on('exit', (code) => {
      if (!answered) reject(new Error(`${task.kind} child exited with code ${code} without an answer`));
    });
  });
}
