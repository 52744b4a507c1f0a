import type { Command } from 'commander';
import { CliError } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseWholeNumber } from '../cli/parse-options.js';
import { startProgress } from '../cli/progress.js';
import { importExport } from '../jsonl/import-export.js';
import { openSource } from '../sources/open-source.js';
import { sourceKindOf } from '../sources/source-kind.js';
import { loadTrust } from '../verify/trust.js';

interface ImportCommandOptions {
  into: string;
  trust?: string;
  publicKey?: string;
  maxAppendBytes: string;
  batchBytes: string;
  maxLineBytes?: string;
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
    .addHelpText(
      'after',
      example(
        'pinnstatistik import log.jsonl --into postgres://postgres@127.0.0.1/restored --trust checkpoint.json',
      ),
    )
    .action(async (file: string, options: ImportCommandOptions) => {
      if (sourceKindOf(options.into) === 'file')
        throw new CliError(
          `--into must be memory, esdb://…, kurrentdb://… or postgres://…, not ${options.into}`,
        );
      const maxAppendBytes = parseWholeNumber('--max-append-bytes', options.maxAppendBytes, 1024, 2 ** 31);
      const batchBytes = parseWholeNumber('--batch-bytes', options.batchBytes, 1024, 2 ** 40);
      const trust = await loadTrust(options);
      await openSource(file, { purpose: 'read' }).then((source) => source.close());
      const target = await openSource(options.into, { purpose: 'write' });
      let progress = startProgress(io, 'checking');
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
              progress = startProgress(io, 'importing');
              phase = now;
            }
            progress.update(events);
          },
        });
        progress.stop();
        const resumed =
          summary.alreadyThere > 0 ? ` (${summary.alreadyThere} were there from an earlier run)` : '';
        writeLine(
          io.stdout,
          `imported ${summary.events} events in ${summary.streams} streams into ${target.description}${resumed} in ${summary.batches} batch${summary.batches === 1 ? '' : 'es'}; every hash chain and the log tree verified before writing${target.kind === 'memory' ? ' (a dry run: memory is gone when the command ends)' : ''}`,
        );
      } finally {
        progress.stop();
        await target.close();
      }
    });
}
