import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** Runs the CLI in-process and returns everything it wrote. */
async function run(...args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const sink = (): Writable =>
    new Writable({
      write(chunk, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
  const code = await runCli(args, { stdout: sink(), stderr: sink() });
  return { code, output };
}

const PERSONAL_DATA = ['811218-9876', '８１１２１８－９８７６', 'lisa.berg@exempel.se'];

function fourDigitRuns(text: string): string[] {
  const digits = text.normalize('NFKC').replace(/\D/g, '');
  const runs: string[] = [];
  for (let start = 0; start + 4 <= digits.length; start += 1) runs.push(digits.slice(start, start + 4));
  return runs;
}

describe("the CLI's error messages repeat no argument they were given", () => {
  it.each(PERSONAL_DATA)(
    '%j as an option value, a period, a date or an unknown option: refused, not repeated',
    async (text) => {
      const runs = [
        await run('report', 'log.jsonl', '--from', text, '--to', '2025-12'),
        await run('report', 'log.jsonl', '--from', '2025-01', '--to', '2025-12', '--granularity', text),
        await run('report', 'log.jsonl', '--from', '2025-01', '--to', '2025-12', '--k', text),
        await run('report', 'log.jsonl', '--from', '2025-01', '--to', '2025-12', '--lang', text),
        await run('seal', text, '--store', 'memory'),
        await run('series', 'expire', '--store', 'memory', '--today', text),
        await run('verify', 'log.jsonl', '--lang', text),
        await run('report', 'log.jsonl', `--${text}`),
        await run(text),
      ];
      const echoes: string[] = [];
      for (const { code, output } of runs) {
        expect(code).not.toBe(0);
        for (const echo of [text, ...fourDigitRuns(text)])
          if (output.includes(echo)) echoes.push(`${echo} in: ${output.trim()}`);
      }
      expect(echoes).toEqual([]);
    },
  );
});
