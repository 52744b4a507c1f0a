import type { Language, LocalizedText } from '@pinnstatistik/core';
import type { RetentionReport, RetentionSeverity } from '@pinnstatistik/store-postgres';
import type { Command } from 'commander';
import { CliError, EXIT_CODES } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { describeError } from '../cli/describe-error.js';
import { parseLanguage } from '../cli/parse-options.js';
import { describeTarget, sourceKindOf } from '../sources/source-kind.js';

const WORDS = {
  title: {
    sv: 'Hur länge raderade rader och förstörda nycklar finns kvar',
    en: 'How long deleted rows and destroyed keys survive',
  },
  settings: { sv: 'Inställningar', en: 'Settings' },
  findings: { sv: 'Iakttagelser', en: 'Findings' },
  verdict: { sv: 'Slutsats', en: 'Verdict' },
  standby: { sv: 'replik', en: 'standby' },
  primary: { sv: 'primärserver', en: 'primary' },
  set: { sv: 'inställt', en: 'set' },
  notSet: { sv: 'inte inställt', en: 'not set' },
  hidden: { sv: 'får inte läsas', en: 'not readable' },
} as const satisfies Record<string, LocalizedText>;

/** How each kind of finding is marked in the text report. */
const MARKS: Record<RetentionSeverity, string> = { window: '!', unknown: '?', note: '-' };

/** The report as text, in one language. */
export function renderRetentionReport(report: RetentionReport, where: string, lang: Language): string[] {
  const { facts } = report;
  const lines = [
    `${WORDS.title[lang]} — ${where}`,
    `PostgreSQL ${facts.serverVersion}, ${facts.inRecovery ? WORDS.standby[lang] : WORDS.primary[lang]}`,
    '',
    `${WORDS.settings[lang]}:`,
  ];
  const names = Object.keys(facts.settings).sort();
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) {
    const value = facts.settings[name as keyof typeof facts.settings];
    const shown =
      value === undefined
        ? WORDS.hidden[lang]
        : value === '(set)'
          ? WORDS.set[lang]
          : value === '' || value === '(disabled)'
            ? WORDS.notSet[lang]
            : value;
    lines.push(`  ${name.padEnd(width)}  ${shown}`);
  }
  lines.push('', `${WORDS.findings[lang]}:`);
  for (const finding of report.findings) lines.push(`  ${MARKS[finding.severity]} ${finding.message[lang]}`);
  lines.push('', `${WORDS.verdict[lang]}: ${report.verdict[lang]}`);
  return lines;
}

/**
 * `pinnstatistik doctor --store postgres://…`: reads the server settings and state that
 * lengthen the window in which deleted rows and destroyed keys survive, with a plain-language
 * verdict. Exit 0: nothing lengthens it; 1: something does, or could not be checked; 2: could
 * not run.
 */
export function registerDoctor(program: Command, { io, outcome }: CommandContext): void {
  program
    .command('doctor')
    .description(
      'how long deleted rows and destroyed keys survive on a PostgreSQL store: the settings that keep them longer (WAL archiving, wal_keep_size, replication slots, standbys, long transactions, keys beside the events) and a verdict',
    )
    .requiredOption('--store <store>', 'postgres://… (the events)')
    .option(
      '--keys <keys>',
      'where the keys live: postgres://… or a key directory (default: with the events)',
    )
    .option('--schema <schema>', "the events' schema", 'pinnstatistik')
    .option('--lang <lang>', 'sv or en', 'en')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `${example(
        'pinnstatistik doctor --store postgres://operator@db/pinnstatistik --keys postgres://operator@keys-db/keys --lang sv',
      )}\nExit codes: 0 nothing keeps deleted rows or destroyed keys longer, 1 something does (or could not be checked), 2 could not run.\n`,
    )
    .action(
      async (options: { store: string; keys?: string; schema: string; lang: string; json?: boolean }) => {
        const lang = parseLanguage(options.lang);
        if (sourceKindOf(options.store) !== 'postgres')
          throw new CliError(
            `--store must be postgres://… (doctor reads a PostgreSQL server), not ${describeTarget(options.store)}`,
          );
        const keys =
          options.keys === undefined
            ? undefined
            : sourceKindOf(options.keys) === 'postgres'
              ? options.keys
              : 'directory';
        const { inspectRetention } = await import('@pinnstatistik/store-postgres');
        let report: RetentionReport;
        try {
          report = await inspectRetention(options.store, {
            schema: options.schema,
            ...(keys === undefined ? {} : { keys }),
          });
        } catch (error) {
          throw new CliError(`could not inspect ${describeTarget(options.store)}: ${describeError(error)}`, {
            exitCode: EXIT_CODES.failure,
          });
        }
        if (options.json === true) writeLine(io.stdout, JSON.stringify(report, null, 2));
        else
          for (const line of renderRetentionReport(report, describeTarget(options.store, lang), lang))
            writeLine(io.stdout, line);
        outcome.exitCode = report.clean ? EXIT_CODES.ok : EXIT_CODES.notClean;
      },
    );
}
