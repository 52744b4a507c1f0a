import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError, EXIT_CODES } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseLanguage, parseWholeNumber, todayOr } from '../cli/parse-options.js';
import { openSource } from '../sources/open-source.js';
import { describeTarget } from '../sources/source-kind.js';
import { auditSource } from '../verify/audit-source.js';
import { checkLogIntegrity } from '../verify/log-integrity.js';
import { renderVerdict } from '../verify/render-verdict.js';
import { loadTrust, trustFileText } from '../verify/trust.js';
import { verdictOf } from '../verify/verdict.js';
import { verdictJson } from '../verify/verdict-json.js';

interface VerifyOptions {
  json?: boolean;
  keys?: string;
  today?: string;
  lang: string;
  trust?: string;
  publicKey?: string;
  saveCheckpoint?: string;
  maxLineBytes?: string;
}

/** `pinnstatistik verify <source>`: the log's integrity and the compliance audit; exit 0 only when clean. */
export function registerVerify(program: Command, { io, outcome }: CommandContext): void {
  program
    .command('verify')
    .description(
      "the log's integrity (hash chains, every stream's Merkle tree against signed checkpoints, deleted streams by their seal's proofs, the export's trailer) and the compliance audit (every entry against the catalogue in force on its date, sealing, key destruction); exit code 0 only when clean, 1 with findings",
    )
    .argument('<source>', 'an export file, esdb://…, kurrentdb://… or postgres://…')
    .option('--trust <file>', 'a checkpoint saved earlier (verify --save-checkpoint): the log must extend it')
    .option('--public-key <file>', "the operator's checkpoint-signing public key (PEM), pinned")
    .option(
      '--save-checkpoint <file>',
      'when clean and signed by a pinned key, save the latest checkpoint for next time',
    )
    .option('--json', 'the verdict as JSON, for machines')
    .option('--keys <keys>', 'a key directory or postgres://… (PostgreSQL sources use their own by default)')
    .option('--today <date>', "the audit's today, YYYY-MM-DD (default: today), for periods past their grace")
    .option('--max-line-bytes <n>', 'the longest line an export may have (default 16 MiB)')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example(
        'pinnstatistik verify log.jsonl --public-key operator.pem --save-checkpoint checkpoint.json',
        'pinnstatistik verify next-log.jsonl --trust checkpoint.json',
        'pinnstatistik verify log.jsonl --trust checkpoint.json --json > verdict.json',
      ),
    )
    .action(async (target: string, options: VerifyOptions) => {
      const lang = parseLanguage(options.lang);
      const today = todayOr(options.today);
      const maxLineBytes =
        options.maxLineBytes === undefined
          ? undefined
          : parseWholeNumber('--max-line-bytes', options.maxLineBytes, 1024, 2 ** 31);
      const trust = await loadTrust(options);
      const source = await openSource(target, {
        purpose: 'read',
        ...(options.keys === undefined ? {} : { keys: options.keys }),
      });
      try {
        const integrity = await checkLogIntegrity(source, target, trust, io, maxLineBytes, lang);
        const audit = await auditSource(source, target, today, io, lang);
        const verdict = verdictOf(audit, integrity, trust.pinned);
        io.stdout.write(
          options.json === true
            ? verdictJson(verdict, source.description)
            : renderVerdict(verdict, describeTarget(target, lang), lang),
        );
        outcome.exitCode = verdict.clean ? EXIT_CODES.ok : EXIT_CODES.notClean;
        if (options.saveCheckpoint !== undefined) {
          const latest = integrity.verification.latest;
          if (!verdict.clean)
            throw new CliError('not clean: no checkpoint saved', {
              exitCode: EXIT_CODES.notClean,
              sv: { message: 'inte ren: ingen kontrollpunkt sparad' },
            });
          if (latest === undefined || !latest.pinned)
            throw new CliError(
              'no checkpoint signed by a pinned key to save (give --public-key or --trust)',
              {
                exitCode: EXIT_CODES.notClean,
                sv: {
                  message:
                    'ingen kontrollpunkt signerad med en fastställd nyckel att spara (ange --public-key eller --trust)',
                },
              },
            );
          await writeFile(options.saveCheckpoint, trustFileText(latest.checkpoint, latest.publicKey));
          writeLine(
            io.stderr,
            lang === 'sv'
              ? `sparade kontrollpunkten från ${latest.checkpoint.time} i ${options.saveCheckpoint}`
              : `saved the checkpoint of ${latest.checkpoint.time} to ${options.saveCheckpoint}`,
          );
        }
      } finally {
        await source.close();
      }
    });
}
