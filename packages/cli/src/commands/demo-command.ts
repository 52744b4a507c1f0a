import type { Command } from 'commander';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseLanguage } from '../cli/parse-options.js';
import { type ExportSummary, writeExport } from '../jsonl/write-export.js';
import { checkOutputTarget, writeOutput } from '../output/write-output.js';

/** What the header of the demo's export says about where the log comes from. */
const DEMO_EXPORT_SOURCE = "pinnstatistik demo: Vaggeryds kommun's seeded year 2025 (seed 42)";

/** `pinnstatistik demo`: what `pnpm demo` shows (the example's own code, bundled). */
export function registerDemo(program: Command, { io }: CommandContext): void {
  program
    .command('demo')
    .description(
      "a seeded year of tallies for Vaggeryds kommun: every kind of refusal, series and working notes, sealed months, the year's counts and the audit's verdict",
    )
    .option('--store <store>', 'memory, esdb://…, kurrentdb://… or postgres://…', 'memory')
    .option('--report-dir <dir>', "also write the year's report there as Markdown and CSV")
    .option(
      '--export <file>',
      "also write the demo's log there as an export (JSON Lines, no keys): a realistic file for verify and report, no server needed",
    )
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example(
        'pinnstatistik demo',
        'pinnstatistik demo --export year.jsonl && pinnstatistik verify year.jsonl --today 2026-01-15',
        'pinnstatistik demo --store postgres://postgres@127.0.0.1/demo',
      ),
    )
    .action(async (options: { store: string; reportDir?: string; export?: string; lang: string }) => {
      const lang = parseLanguage(options.lang);
      const exportFile = options.export;
      // Checked before the year is recorded: a wrong path fails in a moment, not after the demo.
      if (exportFile !== undefined) await checkOutputTarget(exportFile);
      let exported: ExportSummary | undefined;
      const { runDemo } = await import('@pinnstatistik/example-vaggeryd-year');
      await runDemo({
        print: (text = '') => writeLine(io.stdout, text),
        store: options.store,
        reportDirectory: options.reportDir ?? false,
        lang,
        ...(exportFile === undefined
          ? {}
          : {
              exportLog: async (store) => {
                exported = await writeOutput(exportFile, io.stdout, (sink) =>
                  writeExport(store, sink, { source: DEMO_EXPORT_SOURCE }),
                );
              },
            }),
      });
      if (exported !== undefined)
        writeLine(
          io.stdout,
          lang === 'sv'
            ? `Skrev ${exportFile}: ${exported.events} händelser i ${exported.streams} strömmar, så som en granskare får dem (utan nycklar). Prova: pinnstatistik verify ${exportFile} --today 2026-01-15 --lang sv`
            : `Wrote ${exportFile}: ${exported.events} events in ${exported.streams} streams, as an auditor receives them (no keys). Try: pinnstatistik verify ${exportFile} --today 2026-01-15`,
        );
    });
}
