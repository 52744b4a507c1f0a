import type { Command } from 'commander';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseLanguage } from '../cli/parse-options.js';
import { startProgress } from '../cli/progress.js';
import { readExportTrailer } from '../jsonl/read-export.js';
import { writeExport } from '../jsonl/write-export.js';
import { writeOutput } from '../output/write-output.js';
import { openSource } from '../sources/open-source.js';
import { describeTarget } from '../sources/source-kind.js';

/** What `export` says it did, in English or Swedish. */
function exportedLine(
  lang: 'sv' | 'en',
  summary: {
    events: number;
    streams: number;
    trailer: { checkpoint: { time: string } | null; eventsAfterCheckpoint: number };
  },
  from: string,
  out: string | undefined,
): string {
  const { trailer } = summary;
  const after = trailer.eventsAfterCheckpoint;
  if (lang === 'sv')
    return `exporterade ${summary.events} händelser i ${summary.streams} strömmar från ${from}${out === undefined ? '' : ` till ${out}`}; ${
      trailer.checkpoint === null
        ? 'ännu ingen signerad kontrollpunkt (kör pinnstatistik checkpoint): varje händelse kontrolleras bara mot sin hashkedja'
        : `signerad kontrollpunkt från ${trailer.checkpoint.time}, ${after} ${after === 1 ? 'händelse' : 'händelser'} efter den`
    }`;
  return `exported ${summary.events} events in ${summary.streams} streams from ${from}${out === undefined ? '' : ` to ${out}`}; ${
    trailer.checkpoint === null
      ? 'no signed checkpoint yet (run pinnstatistik checkpoint): every event is only chain-checked'
      : `signed checkpoint of ${trailer.checkpoint.time}, ${after} event${after === 1 ? '' : 's'} after it`
  }`;
}

/** `pinnstatistik export --from <source> [--out file]`. */
export function registerExport(program: Command, { io }: CommandContext): void {
  program
    .command('export')
    .description(
      "write the whole log as JSON Lines: a header, every event in global order exactly as stored (bytes in base64, public events also readable), and a trailer with the event count, the log tree's size and root and the latest signed checkpoint",
    )
    .requiredOption('--from <source>', 'esdb://…, kurrentdb://…, postgres://… or an export file')
    .option('--out <file>', 'write to a file (all or nothing) instead of standard output')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example('pinnstatistik export --from postgres://auditor@db.example/pinnstatistik --out log.jsonl'),
    )
    .action(async (options: { from: string; out?: string; lang: string }) => {
      const lang = parseLanguage(options.lang);
      const source = await openSource(options.from, { purpose: 'read' });
      // An export file keeps its checkpoint in its trailer, not in a stream: carry it forward.
      const carried =
        source.kind === 'file' ? (await readExportTrailer(options.from))?.checkpoint : undefined;
      const progress = startProgress(io, lang === 'sv' ? 'exporterar' : 'exporting', undefined, lang);
      try {
        const summary = await writeOutput(options.out, io.stdout, (sink) =>
          writeExport(source.store, sink, {
            source: source.description,
            onProgress: progress.update,
            ...(carried == null ? {} : { checkpoint: carried }),
          }),
        );
        progress.stop();
        writeLine(io.stderr, exportedLine(lang, summary, describeTarget(options.from, lang), options.out));
      } finally {
        progress.stop();
        await source.close();
      }
    });
}
