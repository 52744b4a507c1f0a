import { CommanderError } from 'commander';
import { EXIT_CODES, isCliError } from './cli-error.js';
import { type CliIo, processIo, writeLine } from './cli-io.js';
import { createProgram } from './create-program.js';
import { describeError } from './describe-error.js';
import { withoutPersonalData } from './without-echo.js';

/**
 * Runs the CLI on arguments (without `node` and the script) and returns the exit code: errors
 * become one line on standard error — with the stack trace only under `--debug` — never a crash.
 */
export async function runCli(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const outcome = { exitCode: EXIT_CODES.ok as number };
  const debug = args.includes('--debug');
  // Errors speak the language the command was asked for — usage errors too, found before
  // commander has parsed anything.
  const swedish = args.some(
    (arg, index) => arg === '--lang=sv' || (arg === '--lang' && args[index + 1] === 'sv'),
  );
  const lang = swedish ? 'sv' : 'en';
  const program = createProgram({ io, outcome }, lang);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and the version are printed by commander and end with exit code 0; a usage error
      // has been printed by commander as one line.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.failure;
    }
    const sv = swedish && isCliError(error) ? error.sv : undefined;
    if (isCliError(error))
      for (const line of sv?.details ?? error.details) writeLine(io.stderr, withoutPersonalData(line, lang));
    writeLine(
      io.stderr,
      `pinnstatistik: ${withoutPersonalData(sv?.message ?? describeError(error, lang), lang)}`,
    );
    if (debug && error instanceof Error && error.stack !== undefined) writeLine(io.stderr, error.stack);
    return isCliError(error) ? error.exitCode : EXIT_CODES.failure;
  }
}
