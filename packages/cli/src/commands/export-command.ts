import type { Command } from 'commander';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { startProgress } from '../cli/progress.js';
import { writeExport } from '../jsonl/write-export.js';
import { writeOutput } from '../output/write-output.js';
import { openSource } from '../sources/open-source.js';

/** `pinnstatistik export --from <source> [--out file]`. */
export function registerExport(program: Command, { io }: CommandContext): void {
  program
    .command('export')
    .description(
      'write the whole log as JSON Lines: a header line, then every event in global order, exactly as stored (hash chains intact)',
    )
    .requiredOption('--from <source>', 'esdb://…, kurrentdb://…, postgres://… or an export file')
    .option('--out <file>', 'write to a file (all or nothing) instead of standard output')
    .addHelpText(
      'after',
      example('pinnstatistik export --from postgres://auditor@db.example/pinnstatistik --out log.jsonl'),
    )
    .action(async (options: { from: string; out?: string }) => {
      const source = await openSource(options.from, { purpose: 'read' });
      const progress = startProgress(io, 'exporting');
      try {
        const summary = await writeOutput(options.out, io.stdout, (sink) =>
          writeExport(source.store, sink, { source: source.description, onProgress: progress.update }),
        );
        progress.stop();
        writeLine(
          io.stderr,
          `exported ${summary.events} events in ${summary.streams} streams from ${source.description}${options.out === undefined ? '' : ` to ${options.out}`}`,
        );
      } finally {
        progress.stop();
        await source.close();
      }
    });
}
