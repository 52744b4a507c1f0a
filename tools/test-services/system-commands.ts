import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether a program is on the PATH. */
export function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((directory) => {
    try {
      accessSync(join(directory, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Runs a system command to its end; its output goes to the log only when it fails. */
export function runCommand(
  command: string,
  args: readonly string[],
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = {},
): boolean {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status === 0) return true;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
  log(
    `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})${output === '' ? '' : `:\n${output}`}`,
  );
  return false;
}
