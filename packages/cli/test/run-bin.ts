import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built bin, run as a user would: `node packages/cli/dist/bin.js …`. */
export const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** What a run of the bin printed and how it ended. */
export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns the built bin in a directory, with piped output (so no progress bars), and waits for it. */
export function runBin(
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number },
): Promise<BinRun> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm --filter @pinnstatistik/cli build`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', PINNSTATISTIK_STORE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
