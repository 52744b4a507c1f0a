import { findPersonalData } from '@pinnstatistik/core';

/** What stands in for an argument the CLI does not repeat. */
const UNREPEATED = '(not repeated)';

/**
 * A commander error line with every quoted argument that is not one of the program's own
 * names (commands, options) replaced: `unknown command '811218-9876'` would print an
 * operator's typo — or a personnummer — into a log.
 */
export function withoutArguments(line: string, ownNames: ReadonlySet<string>): string {
  return line.replace(/'([^'\n]*)'/g, (quoted, name: string) => (ownNames.has(name) ? quoted : UNREPEATED));
}

/** A line to print, unless it holds personal data (an error message may quote its input): then a neutral line. */
export function withoutPersonalData(line: string, lang: 'sv' | 'en' = 'en'): string {
  if (findPersonalData(line) === undefined) return line;
  return lang === 'sv'
    ? 'felmeddelandet visas inte: det citerar något som liknar personuppgifter'
    : 'the error message is not shown: it quotes something that looks like personal data';
}
