import { readFile, stat } from 'node:fs/promises';
import { type Catalogue, parseCatalogueJson } from '@pinnstatistik/core';
import { CliError, EXIT_CODES } from '../cli/cli-error.js';
import { issueLineInSwedish } from './issue-words.js';

/** Reads and validates a catalogue file; an invalid one fails with every problem at its JSON Pointer. */
export async function readCatalogueFile(file: string): Promise<Catalogue> {
  const found = await stat(file).catch(() => undefined);
  if (found === undefined)
    throw new CliError(`${file}: no such file`, { sv: { message: `${file}: filen finns inte` } });
  if (!found.isFile()) throw new CliError(`${file}: not a file`, { sv: { message: `${file}: inte en fil` } });
  const parsed = parseCatalogueJson(await readFile(file, 'utf8'));
  if (parsed._tag === 'Right') return parsed.right;
  const { issues } = parsed.left;
  throw new CliError(
    `${file}: not a valid catalogue (${issues.length} problem${issues.length === 1 ? '' : 's'})`,
    {
      exitCode: EXIT_CODES.notClean,
      details: issues.map((issue) => `  ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`),
      sv: {
        message: `${file}: inte en giltig katalog (${issues.length} fel)`,
        details: issues.map((issue) => `  ${issueLineInSwedish(issue)}`),
      },
    },
  );
}
