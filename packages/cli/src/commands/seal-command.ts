import { deriveEventId, isRefusal, type Refusal } from '@pinnstatistik/core';
import type { Command } from 'commander';
import { CliError } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseDate, parseLanguage, parseMonth } from '../cli/parse-options.js';
import { openOperatorService } from '../sources/open-operator-service.js';
import { inTargetSv } from '../sources/source-kind.js';

/** A refusal as the one line the CLI prints. */
export function refusalLine(refusal: Refusal, lang: 'sv' | 'en'): string {
  return `${lang === 'sv' ? 'avvisat' : 'refused'}: ${refusal.code}: ${refusal.message[lang]}`;
}

/** `pinnstatistik seal <period> --store … --keys …`: the operator's monthly job. */
export function registerSeal(program: Command, { io }: CommandContext): void {
  program
    .command('seal')
    .description(
      "seal a month: every tally sheet's tables written as events, then the month's key destroyed (idempotent; refused before the grace period has passed)",
    )
    .argument('<period>', 'the month, YYYY-MM')
    .requiredOption('--store <store>', 'esdb://…, kurrentdb://… or postgres://…')
    .option('--keys <keys>', 'a key directory or postgres://… (PostgreSQL stores default to their own)')
    .option('--catalogue <id>', "the catalogue id (default: the log's)")
    .option('--today <date>', 'today, YYYY-MM-DD (default: today)')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example('pinnstatistik seal 2025-03 --store postgres://pinnstatistik@db/pinnstatistik'),
    )
    .action(
      async (
        period: string,
        options: { store: string; keys?: string; catalogue?: string; today?: string; lang: string },
      ) => {
        const lang = parseLanguage(options.lang);
        parseMonth('<period>', period);
        if (options.today !== undefined) parseDate('--today', options.today);
        const { service, source } = await openOperatorService(options);
        try {
          // The command id names the period: sealing is idempotent, so a re-run is the same command.
          const commandId = deriveEventId('pinnstatistik/cli/seal', period, 0);
          const result = await service.sealPeriod({ type: 'SealPeriod', commandId, period });
          if (result._tag === 'Left') {
            if (isRefusal(result.left))
              throw new CliError(refusalLine(result.left, 'en'), {
                sv: { message: refusalLine(result.left, 'sv') },
              });
            throw new CliError(`refused: ${String(result.left)}`, {
              sv: { message: 'avvisat: händelselagret gav ett oväntat svar' },
            });
          }
          const { sheets, sealedNow, keyId, deletedStreams } = result.right;
          writeLine(
            io.stdout,
            lang === 'sv'
              ? `förseglade ${period} ${inTargetSv(options.store)}: ${sheets} ${sheets === 1 ? 'pinnlista' : 'pinnlistor'}${sealedNow ? '' : ' (förseglad sedan tidigare)'}; ${deletedStreams} ${deletedStreams === 1 ? 'detaljström' : 'detaljströmmar'} raderade; nyckel ${keyId} förstörd`
              : `sealed ${period} in ${source.description}: ${sheets} sheet${sheets === 1 ? '' : 's'}${sealedNow ? '' : ' (sealed before)'}; ${deletedStreams} detail stream${deletedStreams === 1 ? '' : 's'} deleted; key ${keyId} destroyed`,
          );
        } finally {
          await source.close();
        }
      },
    );
}
