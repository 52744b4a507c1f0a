import type { CliIo } from './cli-io.js';

/** What every command gets: where to write, and the exit code it may set (0 unless set). */
export interface CommandContext {
  readonly io: CliIo;
  readonly outcome: { exitCode: number };
}

/** The help text's example block, as commander's `addHelpText('after', …)` takes it. */
export function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
