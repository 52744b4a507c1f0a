import type { Language } from '@pinnstatistik/core';
import { Command } from 'commander';
import { registerCatalogue } from '../commands/catalogue-command.js';
import { registerCheckpoint } from '../commands/checkpoint-command.js';
import { registerDemo } from '../commands/demo-command.js';
import { registerDoctor } from '../commands/doctor-command.js';
import { registerExport } from '../commands/export-command.js';
import { registerImport } from '../commands/import-command.js';
import { registerProve } from '../commands/prove-command.js';
import { registerReport } from '../commands/report-command.js';
import { registerSeal } from '../commands/seal-command.js';
import { registerSeries } from '../commands/series-command.js';
import { registerVerify } from '../commands/verify-command.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { swedishUsageError } from './swedish-usage-error.js';
import { withoutArguments } from './without-echo.js';

/** The version the CLI reports (`--version`). */
export const CLI_VERSION = '0.1.0';

/**
 * Every command, wired to the given streams; commander throws instead of exiting. `lang` is the
 * language asked for on the command line, for commander's own usage errors.
 */
export function createProgram(context: CommandContext, lang: Language = 'en'): Command {
  const { io } = context;
  // Filled once every command is registered: the names an error line may repeat.
  const ownNames = new Set<string>();
  const program = new Command('pinnstatistik')
    .description(
      'pinnstatistik for auditors and operators: export, import and verify the log, reproduce every statistic with disclosure control, seal months and expire series',
    )
    .version(CLI_VERSION)
    .enablePositionalOptions()
    .option('--debug', 'on an error, print the stack trace too')
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => {
        const line = withoutArguments(text, ownNames);
        write(lang === 'sv' ? swedishUsageError(line) : line);
      },
    })
    .addHelpText(
      'after',
      [
        '',
        "An auditor's session:",
        '  $ pinnstatistik export --from postgres://auditor@db/pinnstatistik --out log.jsonl',
        '  $ pinnstatistik verify log.jsonl',
        '  $ pinnstatistik report log.jsonl --from 2025-01 --to 2025-12 --granularity quarter --format html --out report.html',
        '',
        'Exit codes: 0 done (verify: clean), 1 the log or file is not clean (findings, broken chains, invalid catalogue), 2 could not run.',
      ].join('\n'),
    );
  program.exitOverride();
  for (const register of [
    registerExport,
    registerImport,
    registerVerify,
    registerCheckpoint,
    registerProve,
    registerReport,
    registerSeal,
    registerSeries,
    registerCatalogue,
    registerDemo,
    registerDoctor,
  ]) {
    register(program, context);
  }
  const prepare = (command: Command): void => {
    command.exitOverride();
    ownNames.add(command.name());
    for (const alias of command.aliases()) ownNames.add(alias);
    for (const option of command.options) {
      ownNames.add(option.flags);
      if (option.long !== undefined) ownNames.add(option.long);
      if (option.short !== undefined) ownNames.add(option.short);
    }
    for (const argument of command.registeredArguments) ownNames.add(argument.name());
    if (command !== program) command.option('--debug', 'on an error, print the stack trace too');
    for (const sub of command.commands) prepare(sub);
  };
  prepare(program);
  return program;
}

/** The streams type, for callers building a program. */
export type { CliIo };
