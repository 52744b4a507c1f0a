import { writeFile } from 'node:fs/promises';
import {
  adoptNewLogKey,
  currentSigningKey,
  fixedClock,
  publicKeyPem,
  rotateLogKey,
  type SigningKey,
  systemClock,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import type { Command } from 'commander';
import { CliError } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseDate, parseLanguage } from '../cli/parse-options.js';
import { openSource } from '../sources/open-source.js';
import { inTargetSv } from '../sources/source-kind.js';
import { trustFileText } from '../verify/trust.js';

interface CheckpointOptions {
  store: string;
  keys?: string;
  out?: string;
  publicKeyOut?: string;
  rotateKey?: boolean;
  newKey?: boolean;
  today?: string;
  lang: string;
}

/** `pinnstatistik checkpoint --store … --keys …`: sign the log as it stands (seals do it too). */
export function registerCheckpoint(program: Command, { io }: CommandContext): void {
  program
    .command('checkpoint')
    .description(
      "sign the log as it stands: a LogCheckpoint (every stream's size and Merkle root, the log's root) signed with the operator's Ed25519 key from the key store (created and published in log-keys on first use); every seal writes one too",
    )
    .requiredOption('--store <store>', 'esdb://…, kurrentdb://… or postgres://…')
    .option('--keys <keys>', 'a key directory or postgres://… (PostgreSQL stores default to their own)')
    .option('--out <file>', 'also save the checkpoint with its public key, as a trust file for auditors')
    .option('--public-key-out <file>', 'write the signing public key (PEM) for auditors to pin')
    .option(
      '--rotate-key',
      'first rotate the signing key: a new key endorsed by the old one in log-keys, the old one destroyed',
    )
    .option(
      '--new-key',
      'when the signing key is lost: adopt a new one without endorsement (auditors must pin its public key again)',
    )
    .option('--today <date>', 'the time to sign at, as a date YYYY-MM-DD (default: now)')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example(
        'pinnstatistik checkpoint --store postgres://pinnstatistik@db/pinnstatistik --public-key-out operator.pem',
      ),
    )
    .action(async (options: CheckpointOptions) => {
      const lang = parseLanguage(options.lang);
      // The store is not repeated: a connection string may carry a password.
      if (!/^(esdb|kurrentdb|kurrent|kdb|postgres|postgresql)(\+discover)?:\/\//.test(options.store))
        throw new CliError(
          '--store must be esdb://…, kurrentdb://… or postgres://… (an export file is read-only)',
          {
            sv: {
              message:
                '--store ska vara esdb://…, kurrentdb://… eller postgres://… (en exportfil kan bara läsas)',
            },
          },
        );
      const where = inTargetSv(options.store);
      const clock =
        options.today === undefined
          ? systemClock
          : fixedClock(`${parseDate('--today', options.today)}T12:00:00Z`);
      const source = await openSource(options.store, {
        purpose: 'write',
        ...(options.keys === undefined ? {} : { keys: options.keys }),
      });
      try {
        if (source.keys === undefined)
          throw new CliError(
            `--keys is required with ${source.description} (a key directory or postgres://…)`,
            {
              sv: {
                message:
                  '--keys måste anges för det här händelselagret (en nyckelkatalog eller postgres://…)',
              },
            },
          );
        const signing = { store: source.store, keys: source.keys, clock };
        let key: SigningKey;
        if (options.rotateKey === true) {
          key = await rotateLogKey(signing);
          writeLine(
            io.stdout,
            lang === 'sv'
              ? `bytte signeringsnyckeln till ${key.keyId} (godkänd av den förra nyckeln, som är förstörd)`
              : `rotated the signing key to ${key.keyId} (endorsed by the previous key, which is destroyed)`,
          );
        } else if (options.newKey === true) {
          key = await adoptNewLogKey(signing);
          writeLine(
            io.stdout,
            lang === 'sv'
              ? `tog i bruk en ny signeringsnyckel ${key.keyId} utan godkännande från den förra: ge granskarna dess publika nyckel`
              : `adopted a new signing key ${key.keyId} without endorsement: publish its public key to the auditors`,
          );
        } else key = await currentSigningKey(signing);
        const checkpoint = await writeLogCheckpoint(signing);
        writeLine(
          io.stdout,
          lang === 'sv'
            ? `signerade en kontrollpunkt över ${checkpoint.treeSize} strömmar och ${checkpoint.events} händelser ${where} ${checkpoint.time}: rot ${checkpoint.root}, nyckel ${checkpoint.keyId}`
            : `signed checkpoint of ${checkpoint.treeSize} streams and ${checkpoint.events} events in ${source.description} at ${checkpoint.time}: root ${checkpoint.root}, key ${checkpoint.keyId}`,
        );
        if (options.out !== undefined) await writeFile(options.out, trustFileText(checkpoint, key.publicKey));
        if (options.publicKeyOut !== undefined)
          await writeFile(options.publicKeyOut, publicKeyPem(key.publicKey));
      } finally {
        await source.close();
      }
    });
}
