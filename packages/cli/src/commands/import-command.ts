import type { Command } from 'commander';
import { CliError, EXIT_CODES } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { startProgress } from '../cli/progress.js';
import { countExportEvents } from '../jsonl/count-export-events.js';
import { importExport } from '../jsonl/import-export.js';
import { verifyExportChains } from '../jsonl/verify-export-chains.js';
import { openSource } from '../sources/open-source.js';
import { sourceKindOf } from '../sources/source-kind.js';
import { describeChainFinding } from '../verify/describe-chain-finding.js';

const SHOWN_FINDINGS = 20;

/** `pinnstatistik import <file> --into <memory|esdb://…|postgres://…>`. */
export function registerImport(program: Command, { io }: CommandContext): void {
  program
    .command('import')
    .description(
      'load an export into an empty store, after checking every hash chain in it: a file whose chains do not verify is refused and nothing is written',
    )
    .argument('<file>', 'a JSON Lines export (from pinnstatistik export)')
    .requiredOption('--into <target>', 'memory (a dry run), esdb://…, kurrentdb://… or postgres://…')
    .addHelpText(
      'after',
      example('pinnstatistik import log.jsonl --into postgres://postgres@127.0.0.1/restored'),
    )
    .action(async (file: string, options: { into: string }) => {
      if (sourceKindOf(options.into) === 'file')
        throw new CliError(
          `--into must be memory, esdb://…, kurrentdb://… or postgres://…, not ${options.into}`,
        );
      await openSource(file, { purpose: 'read' }).then((source) => source.close());
      const total = await countExportEvents(file);
      let progress = startProgress(io, 'checking chains', total);
      const check = await verifyExportChains(file, progress.update);
      progress.stop();
      if (check.findings.length > 0) {
        const shown = check.findings.slice(0, SHOWN_FINDINGS).map(describeChainFinding);
        const more = check.findings.length - shown.length;
        throw new CliError(
          `refused: ${file} does not verify (${check.findings.length} broken hash-chain link${check.findings.length === 1 ? '' : 's'}); nothing was written`,
          {
            exitCode: EXIT_CODES.notClean,
            details: more > 0 ? [...shown, `  … and ${more} more`] : shown,
          },
        );
      }
      const target = await openSource(options.into, { purpose: 'write' });
      try {
        for await (const _ of target.store.readAll({ limit: 1 })) {
          throw new CliError(
            `refused: ${target.description} already holds events; import only into an empty store (nothing was written)`,
          );
        }
        progress = startProgress(io, 'importing', total);
        const events = await importExport(file, target.store, progress.update);
        progress.stop();
        writeLine(
          io.stdout,
          `imported ${events} events in ${check.streams} streams into ${target.description}; every hash chain verified before writing${target.kind === 'memory' ? ' (a dry run: memory is gone when the command ends)' : ''}`,
        );
      } finally {
        progress.stop();
        await target.close();
      }
    });
}
