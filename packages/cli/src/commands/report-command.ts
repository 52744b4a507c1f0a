import { toCsv, toJson } from '@pinnstatistik/projections';
import type { Command } from 'commander';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { todayOr } from '../cli/parse-options.js';
import { checkOutputTarget, writeTextOutput } from '../output/write-output.js';
import { collectReport } from '../report/collect-report.js';
import { renderHtmlReport } from '../report/render-html-report.js';
import { renderMarkdownReport } from '../report/render-markdown-report.js';
import { unprovenSealsNote, unreadablePeriodsNote } from '../report/report-notes.js';
import { parseReportRequest, type ReportArguments } from '../report/report-request.js';
import { openSource } from '../sources/open-source.js';
import { describeTarget } from '../sources/source-kind.js';
import { auditSource } from '../verify/audit-source.js';

const collectList = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `pinnstatistik report <source> --from … --to … --format csv|json|md|html`. */
export function registerReport(program: Command, { io }: CommandContext): void {
  program
    .command('report')
    .description(
      'the statistics, disclosure-controlled: every table each intervention allows, rolled up by month, quarter or year, perturbed by the cell-key method (or, with --method suppression, small counts and what would reveal them suppressed); recorded as a release in the store',
    )
    .argument('<source>', 'an export file, esdb://…, kurrentdb://… or postgres://…')
    .requiredOption('--from <month>', 'first month, YYYY-MM')
    .requiredOption('--to <month>', 'last month, YYYY-MM (inclusive)')
    .option('--granularity <granularity>', 'month, quarter or year', 'month')
    .option(
      '--method <method>',
      'cell-key (perturbation, needs the statistics key) or suppression',
      'cell-key',
    )
    .option('--k <k>', 'small counts are 1 … k − 1 (suppressed, or checked against the intruder)', '5')
    .option('--hide-zeros', 'suppression: suppress zeros too')
    .option('--max-deviation <d>', 'cell-key method: the largest deviation D', '3')
    .option('--variance <v>', 'cell-key method: the variance V of the deviation', '1')
    .option('--smallest-published <s>', 'cell-key method: the smallest non-zero figure published', '1')
    .option('--intervention <id>', 'only this intervention (repeatable)', collectList)
    .option(
      '--by-unit',
      "also publish each intervention's headline count per responsible unit (protected with the rest)",
    )
    .option(
      '--compare-previous',
      'also publish the period before the first, and compare the last period with the one before it',
    )
    .option('--format <format>', 'csv, json, md or html', 'csv')
    .option('--lang <lang>', 'sv or en', 'en')
    .option('--out <file>', 'write to a file (all or nothing) instead of standard output')
    .option(
      '--keys <keys>',
      'a key directory or postgres://…: the statistics key (cell-key method) and the keys of open periods',
    )
    .option('--today <date>', 'today, YYYY-MM-DD (default: today), for the audit in the HTML header')
    .option(
      '--origin <hex>',
      "the store's origin as the operator keeps it (64 hexadecimal characters: releaseOrigin); a store or an export with another is refused",
    )
    .option(
      '--unrecorded',
      'from an export: make a cell-key report that reproduces no recorded release anyway — for checking, never for publication (it cannot be recorded)',
    )
    .addHelpText(
      'after',
      example(
        'pinnstatistik report log.jsonl --keys keys --from 2025-01 --to 2025-12 --granularity quarter --by-unit --compare-previous --format html --lang sv --out report.html',
      ),
    )
    .action(
      async (
        target: string,
        args: ReportArguments & { out?: string; keys?: string; unrecorded?: boolean; origin?: string },
      ) => {
        const today = todayOr(args.today);
        const request = parseReportRequest({ ...args, today });
        // Checked before anything is read: a wrong path fails in a moment, in the words the user typed.
        if (args.out !== undefined) await checkOutputTarget(args.out);
        const source = await openSource(target, {
          purpose: 'read',
          ...(args.keys === undefined ? {} : { keys: args.keys }),
        });
        try {
          const { report, sealedPeriods, openPeriods, unreadablePeriods } = await collectReport(
            source,
            target,
            request.options,
            io,
            request.lang,
            {
              allowUnrecorded: args.unrecorded === true,
              ...(args.origin === undefined ? {} : { expectedOrigin: args.origin }),
            },
          );
          const months = { sealed: sealedPeriods, open: openPeriods, unreadable: unreadablePeriods, today };
          const note = unreadablePeriodsNote(unreadablePeriods, source.keysDescription, request.lang);
          // Without the key store, an export's seals are held to their digests only (collect-report).
          const unproven =
            source.keys === undefined && source.kind === 'file'
              ? unprovenSealsNote(sealedPeriods, request.lang)
              : undefined;
          const notes = [
            ...(note === undefined ? [] : [note]),
            ...(unproven === undefined ? [] : [unproven]),
            ...report.notes.map((text) => text[request.lang]),
          ];
          let text: string;
          switch (request.format) {
            case 'json':
              text = `${toJson(report.document)}\n`;
              break;
            case 'csv':
              text = toCsv(report.document, { lang: request.lang });
              break;
            case 'md':
              text = renderMarkdownReport(report, {
                lang: request.lang,
                source: describeTarget(target, request.lang),
                notes,
                months,
              });
              break;
            case 'html': {
              const audit = await auditSource(source, target, today, io, request.lang);
              text = renderHtmlReport(report, {
                lang: request.lang,
                source: describeTarget(target, request.lang),
                generatedAt: new Date().toISOString(),
                audit: {
                  clean: audit.report.clean,
                  findings: audit.report.findings.length,
                  codes: [...new Set(audit.report.findings.map((finding) => finding.code))],
                },
                notes,
                months,
              });
              break;
            }
          }
          await writeTextOutput(args.out, io.stdout, text);
          for (const line of notes)
            writeLine(io.stderr, `${request.lang === 'sv' ? 'obs' : 'note'}: ${line}`);
          if (args.out !== undefined)
            writeLine(
              io.stderr,
              request.lang === 'sv'
                ? `skrev ${args.out}: ${report.document.tables.length} tabeller, ${request.format}, ${report.options.method === 'suppression' ? 'undertryckning' : 'cellnyckelmetoden'}, ${report.recorded ? 'registrerad som publicerad' : 'inte registrerad (källan är skrivskyddad)'}`
                : `wrote ${args.out}: ${report.document.tables.length} tables, ${request.format}, ${report.options.method}, ${report.recorded ? 'recorded as a release' : 'not recorded (read-only source)'}`,
            );
        } finally {
          await source.close();
        }
      },
    );
}
