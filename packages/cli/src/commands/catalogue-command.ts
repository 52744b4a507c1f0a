import {
  type Catalogue,
  catalogueJsonSchema,
  vaggerydCatalogue,
  vaggerydCatalogueV1_0,
} from '@pinnstatistik/core';
import type { Command } from 'commander';
import { adoptedCatalogues } from '../catalogue/adopted-catalogues.js';
import { catalogueTable } from '../catalogue/catalogue-table.js';
import { readCatalogueFile } from '../catalogue/read-catalogue-file.js';
import { CliError } from '../cli/cli-error.js';
import { writeLine } from '../cli/cli-io.js';
import { type CommandContext, example } from '../cli/command-context.js';
import { parseLanguage } from '../cli/parse-options.js';
import { openSource } from '../sources/open-source.js';

async function cataloguesFor(
  file: string | undefined,
  from: string | undefined,
  keys: string | undefined,
): Promise<Catalogue[]> {
  if (file !== undefined && from !== undefined)
    throw new CliError('give a catalogue file or --from, not both', {
      sv: { message: 'ange en katalogfil eller --from, inte båda' },
    });
  if (file !== undefined) return [await readCatalogueFile(file)];
  // Both built-in versions: 1.0 still governs the logs recorded under it.
  if (from === undefined) return [vaggerydCatalogueV1_0(), vaggerydCatalogue()];
  const source = await openSource(from, { purpose: 'read', ...(keys === undefined ? {} : { keys }) });
  try {
    const catalogues = await adoptedCatalogues(source.store, source.keys);
    if (catalogues.length === 0)
      throw new CliError(`${source.description} holds no adopted catalogue`, {
        sv: { message: `${source.description}: loggen har ingen antagen katalog` },
      });
    return catalogues;
  } finally {
    await source.close();
  }
}

/** `pinnstatistik catalogue validate|show|schema`. */
export function registerCatalogue(program: Command, { io }: CommandContext): void {
  const catalogue = program
    .command('catalogue')
    .description('the catalogue of interventions and their documentation policies');
  catalogue
    .command('validate')
    .description(
      'check a catalogue file; every problem is reported at its JSON Pointer (exit 1 when invalid)',
    )
    .argument('<file>', 'a catalogue as JSON')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText('after', example('pinnstatistik catalogue validate catalogue.json'))
    .action(async (file: string, options: { lang: string }) => {
      const lang = parseLanguage(options.lang);
      const valid = await readCatalogueFile(file);
      writeLine(
        io.stdout,
        lang === 'sv'
          ? `${file}: en giltig katalog — ${valid.municipality.name}, version ${valid.version}, ${valid.interventions.length} insatser, gäller från ${valid.effectiveFrom}`
          : `${file}: a valid catalogue — "${valid.id}" version ${valid.version}, ${valid.interventions.length} interventions, in force from ${valid.effectiveFrom}`,
      );
    });
  catalogue
    .command('show')
    .description(
      'the interventions as a table (the built-in Vaggeryd catalogue, a file, or the versions adopted in a log)',
    )
    .argument('[file]', 'a catalogue as JSON (default: the built-in Vaggeryd catalogue, 1.0 and 1.1)')
    .option('--from <source>', 'show a catalogue adopted in a log (export file, esdb://… or postgres://…)')
    .option(
      '--keys <keys>',
      'with --from: the key store (a key directory or postgres://…); only the versions it vouches for are shown',
    )
    .option('--version <version>', 'which adopted version (default: the latest)')
    .option('--lang <lang>', 'sv or en', 'en')
    .addHelpText(
      'after',
      example(
        'pinnstatistik catalogue show --lang sv',
        'pinnstatistik catalogue show --from log.jsonl --version 2025-1',
      ),
    )
    .action(
      async (
        file: string | undefined,
        options: { from?: string; keys?: string; version?: string; lang: string },
      ) => {
        const lang = parseLanguage(options.lang);
        const catalogues = await cataloguesFor(file, options.from, options.keys);
        const chosen =
          options.version === undefined
            ? catalogues[catalogues.length - 1]
            : catalogues.find((candidate) => candidate.version === options.version);
        if (chosen === undefined)
          throw new CliError(
            `no catalogue version ${options.version ?? ''}; there are: ${catalogues.map((candidate) => candidate.version).join(', ')}`,
            {
              sv: {
                message: `ingen katalogversion ${options.version ?? ''}; det finns: ${catalogues.map((candidate) => candidate.version).join(', ')}`,
              },
            },
          );
        io.stdout.write(catalogueTable(chosen, lang));
      },
    );
  catalogue
    .command('schema')
    .description("the catalogue's JSON Schema (draft 2020-12), for editors and other tools")
    .addHelpText('after', example('pinnstatistik catalogue schema > catalogue.schema.json'))
    .action(() => {
      writeLine(io.stdout, JSON.stringify(catalogueJsonSchema(), null, 2));
    });
}
