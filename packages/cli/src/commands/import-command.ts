import type { Command } from 'commander';
import { CliError } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseLanguage, parseWholeNumber } from '../cli/parse-options.js';
import { startProgress } from '../cli/progress.js';
import { importExport } from '../jsonl/import-export.js';
import { openSource } from '../sources/open-source.js';
import { describeTarget, sourceKindOf } from '../sources/source-kind.js';
import { loadTrust } from '../verify/trust.js';

interface ImportCommandOptions {
  into: string;
  trust?: string;
  publicKey?: string;
  maxAppendBytes: string;
  batchBytes: string;
  maxLineBytes?: string;
  lang: string;
}

/** What `import` says it did, in English or Swedish. */
function importedLine(
  lang: 'sv' | 'en',
  summary: { events: number; streams: number; alreadyThere: number; batches: number },
  into: string,
  dryRun: boolean,
): string {
  const { events, streams, alreadyThere, batches } = summary;
  if (lang === 'sv')
    return `importerade ${events} händelser i ${streams} strömmar till ${into}${alreadyThere > 0 ? ` (${alreadyThere} fanns där från en tidigare körning)` : ''} i ${batches} ${batches === 1 ? 'omgång' : 'omgångar'}; varje hashkedja och loggträdet kontrollerades innan något skrevs${dryRun ? ' (en provkörning: minnet töms när kommandot slutar)' : ''}`;
  return `imported ${events} events in ${streams} streams into ${into}${alreadyThere > 0 ? ` (${alreadyThere} were there from an earlier run)` : ''} in ${batches} batch${batches === 1 ? '' : 'es'}; every hash chain and the log tree verified before writing${dryRun ? ' (a dry run: memory is gone when the command ends)' : ''}`;
}

/** `pinnstatistik import <file> --into <memory|esdb://…|postgres://…>`. */
export function registerImport(program: Command, { io }: CommandContext): void {
  program
    .command('import')
    .description(
      "load an export into a store: every chain, the log tree, the trailer (and the checkpoints you trust), the target's append limit and what the target already holds are checked before anything is written; a refused import writes nothing, an interrupted one is completed by running it again",
    )
    .argument('<file>', 'a JSON Lines export (from pinnstatistik export)')
    .requiredOption('--into <target>', 'memory (a dry run), esdb://…, kurrentdb://… or postgres://…')
    .option('--trust <file>', 'a checkpoint saved earlier: the export must extend it')
    .option('--public-key <file>', "the operator's checkpoint-signing public key (PEM)")
    .option('--max-append-bytes <n>', "the target's largest append, in bytes", String(1024 * 1024))
    .option(
      '--batch-bytes <n>',
      'bytes per atomic batch (an export that fits is written all or nothing)',
      String(64 * 1024 * 1024),
    )
    .option('--max-line-bytes <n>', 'the longest line the export may have (default 16 MiB)')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example(
        'pinnstatistik import log.jsonl --into postgres://postgres@127.0.0.1/restored --trust checkpoint.json',
      ),
    )
    .action(async (file: string, options: ImportCommandOptions) => {
      const lang = parseLanguage(options.lang);
      // The target is not repeated: a connection string may carry a password.
      if (sourceKindOf(options.into) === 'file')
        throw new CliError(
          '--into must be memory, esdb://…, kurrentdb://… or postgres://… (an export file is read-only)',
          {
            sv: {
              message:
                '--into ska vara memory, esdb://…, kurrentdb://… eller postgres://… (en exportfil kan bara läsas)',
            },
          },
        );
      const maxAppendBytes = parseWholeNumber('--max-append-bytes', options.maxAppendBytes, 1024, 2 ** 31);
      const batchBytes = parseWholeNumber('--batch-bytes', options.batchBytes, 1024, 2 ** 40);
      const trust = await loadTrust(options);
      await openSource(file, { purpose: 'read' }).then((source) => source.close());
      const target = await openSource(options.into, { purpose: 'write' });
      const label = (step: 'checking' | 'writing') =>
        lang === 'sv'
          ? step === 'checking'
            ? 'kontrollerar'
            : 'importerar'
          : step === 'checking'
            ? 'checking'
            : 'importing';
      let progress = startProgress(io, label('checking'), undefined, lang);
      let phase: 'checking' | 'writing' = 'checking';
      try {
        const summary = await importExport(file, target.store, {
          maxAppendBytes,
          batchBytes,
          trust,
          ...(options.maxLineBytes === undefined
            ? {}
            : { maxLineBytes: parseWholeNumber('--max-line-bytes', options.maxLineBytes, 1024, 2 ** 31) }),
          onProgress(now, events) {
            if (now !== phase) {
              progress.stop();
              progress = startProgress(io, label(now), undefined, lang);
              phase = now;
            }
            progress.update(events);
          },
        });
        progress.stop();
        writeLine(
          io.stdout,
          importedLine(
            lang,
            summary,
            target.kind === 'memory' && lang === 'sv'
              ? 'ett händelselager i minnet'
              : describeTarget(options.into, lang),
            target.kind === 'memory',
          ),
        );
      } finally {
        progress.stop();
        await target.close();
      }
    });
}
