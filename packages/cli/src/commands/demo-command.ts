import type { Command } from 'commander';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';

/** `pinnstatistik demo`: what `pnpm demo` shows (the example's own code, bundled). */
export function registerDemo(program: Command, { io }: CommandContext): void {
  program
    .command('demo')
    .description(
      "a seeded year of tallies for Vaggeryds kommun: every kind of refusal, series and working notes, sealed months, the year's counts and the audit's verdict",
    )
    .option('--store <store>', 'memory, esdb://…, kurrentdb://… or postgres://…', 'memory')
    .option('--report-dir <dir>', "also write the year's report there as Markdown and CSV")
    .addHelpText(
      'after',
      example('pinnstatistik demo', 'pinnstatistik demo --store postgres://postgres@127.0.0.1/demo'),
    )
    .action(async (options: { store: string; reportDir?: string }) => {
      const { runDemo } = await import('@pinnstatistik/example-vaggeryd-year');
      await runDemo({
        print: (text = '') => writeLine(io.stdout, text),
        store: options.store,
        reportDirectory: options.reportDir ?? false,
      });
    });
}
