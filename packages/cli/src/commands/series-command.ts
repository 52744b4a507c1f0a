import { writeLogCheckpoint } from '@pinnstatistik/core';
import type { Command } from 'commander';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseDate, parseLanguage } from '../cli/parse-options.js';
import { openOperatorService } from '../sources/open-operator-service.js';
import { inTargetSv } from '../sources/source-kind.js';

/** `pinnstatistik series expire --store … --keys …`: the operator's daily job. */
export function registerSeries(program: Command, { io }: CommandContext): void {
  const series = program.command('series').description('series of connected contacts (operator jobs)');
  series
    .command('expire')
    .description(
      'close every series idle past its retention: its key and working notes destroyed, only its length kept; then sign a checkpoint, as a seal does',
    )
    .requiredOption('--store <store>', 'esdb://…, kurrentdb://… or postgres://…')
    .option('--keys <keys>', 'a key directory or postgres://… (PostgreSQL stores default to their own)')
    .option('--catalogue <id>', "the catalogue id (default: the log's)")
    .option('--today <date>', 'today, YYYY-MM-DD (default: today)')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example(
        'pinnstatistik series expire --store esdb://localhost:2113?tls=false --keys /var/lib/pinnstatistik/keys',
      ),
    )
    .action(
      async (options: { store: string; keys?: string; catalogue?: string; today?: string; lang: string }) => {
        const lang = parseLanguage(options.lang);
        if (options.today !== undefined) parseDate('--today', options.today);
        const { service, source, clock } = await openOperatorService(options);
        try {
          const { expired, open } = await service.expireSeries();
          // A closing deletes a stream a checkpoint may have signed: like a seal, it is signed at
          // once, or verify finds it (LOG_CLOSING_AFTER_CHECKPOINT) until the next checkpoint.
          if (expired > 0 && source.keys !== undefined)
            await writeLogCheckpoint({ store: source.store, keys: source.keys, clock });
          writeLine(
            io.stdout,
            lang === 'sv'
              ? `${expired} ${expired === 1 ? 'serie' : 'serier'} ${inTargetSv(options.store)} avslutades efter sin bevarandetid (nycklar och arbetsanteckningar förstörda); ${open} fortfarande ${open === 1 ? 'öppen' : 'öppna'}`
              : `${expired} series expired in ${source.description} (keys and working notes destroyed); ${open} still open`,
          );
        } finally {
          await source.close();
        }
      },
    );
}
