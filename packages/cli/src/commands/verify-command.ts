import type { Command } from 'commander';
import { EXIT_CODES } from '../cli/cli-error.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseLanguage, todayOr } from '../cli/parse-options.js';
import { openSource } from '../sources/open-source.js';
import { auditSource } from '../verify/audit-source.js';
import { renderVerdict } from '../verify/render-verdict.js';
import { verdictJson } from '../verify/verdict-json.js';

/** `pinnstatistik verify <source>`: the compliance audit; exit 0 only when clean. */
export function registerVerify(program: Command, { io, outcome }: CommandContext): void {
  program
    .command('verify')
    .description(
      'the compliance audit: hash chains, every entry against the catalogue in force on its date, sealing and key destruction; exit code 0 only when clean, 1 with findings',
    )
    .argument('<source>', 'an export file, esdb://…, kurrentdb://… or postgres://…')
    .option('--json', 'the verdict as JSON, for machines')
    .option('--keys <keys>', 'a key directory or postgres://… (PostgreSQL sources use their own by default)')
    .option('--today <date>', "the audit's today, YYYY-MM-DD (default: today), for periods past their grace")
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example('pinnstatistik verify log.jsonl', 'pinnstatistik verify log.jsonl --json > verdict.json'),
    )
    .action(
      async (target: string, options: { json?: boolean; keys?: string; today?: string; lang: string }) => {
        const lang = parseLanguage(options.lang);
        const today = todayOr(options.today);
        const source = await openSource(target, {
          purpose: 'read',
          ...(options.keys === undefined ? {} : { keys: options.keys }),
        });
        try {
          const audit = await auditSource(source, target, today, io);
          io.stdout.write(
            options.json === true
              ? verdictJson(audit, source.description)
              : renderVerdict(audit, source.description, lang),
          );
          outcome.exitCode = audit.report.clean ? EXIT_CODES.ok : EXIT_CODES.notClean;
        } finally {
          await source.close();
        }
      },
    );
}
