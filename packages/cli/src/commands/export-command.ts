import type { Command } from 'commander';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { startProgress } from '../cli/progress.js';
import { readExportTrailer } from '../jsonl/read-export.js';
import { writeExport } from '../jsonl/write-export.js';
import { writeOutput } from '../output/write-output.js';
import { openSource } from '../sources/open-source.js';

/** `pinnstatistik export --from <source> [--out file]`. */
export function registerExport(program: Command, { io }: CommandContext): void {
  program
    .command('export')
    .description(
      "write the whole log as JSON Lines: a header, every event in global order exactly as stored (bytes in base64, public events also readable), and a trailer with the event count, the log tree's size and root and the latest signed checkpoint",
    )
    .requiredOption('--from <source>', 'esdb://…, kurrentdb://…, postgres://… or an export file')
    .option('--out <file>', 'write to a file (all or nothing) instead of standard output')
    .addHelpText(
      'after',
      example('pinnstatistik export --from postgres://auditor@db.example/pinnstatistik --out log.jsonl'),
    )
    .action(async (options: { from: string; out?: string }) => {
      const source = await openSource(options.from, { purpose: 'read' });
      // An export file keeps its checkpoint in its trailer, not in a stream: carry it forward.
      const carried =
        source.kind === 'file' ? (await readExportTrailer(options.from))?.checkpoint : undefined;
      const progress = startProgress(io, 'exporting');
      try {
        const summary = await writeOutput(options.out, io.stdout, (sink) =>
          writeExport(source.store, sink, {
            source: source.description,
            onProgress: progress.update,
            ...(carried == null ? {} : { checkpoint: carried }),
          }),
        );
        progress.stop();
        const { trailer } = summary;
        writeLine(
          io.stderr,
          `exported ${summary.events} events in ${summary.streams} streams from ${source.description}${options.out === undefined ? '' : ` to ${options.out}`}; ${
            trailer.checkpoint === null
              ? 'no signed checkpoint yet (run pinnstatistik checkpoint): every event is only chain-checked'
              : `signed checkpoint of ${trailer.checkpoint.time}, ${trailer.eventsAfterCheckpoint} event${trailer.eventsAfterCheckpoint === 1 ? '' : 's'} after it`
          }`,
        );
      } finally {
        progress.stop();
        await source.close();
      }
    });
}
