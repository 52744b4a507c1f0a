/** What stands in for an argument the CLI does not repeat, in Swedish. */
const UNREPEATED_SV = '(upprepas inte)';

/** The arguments' names in the usage lines (`<file>`), as a Swedish reader knows them. */
const ARGUMENT_NAMES_SV: Readonly<Record<string, string>> = {
  file: 'fil',
  source: 'källa',
  period: 'period',
  stream: 'ström',
  revision: 'revision',
};

/** An option's flags (`--from <source>`) as the long flag alone, which the user types. */
function flagOf(flags: string): string {
  return flags.match(/--[a-z][a-z-]*/)?.[0] ?? flags.split(/[ ,]/)[0] ?? flags;
}

/** Commander's "(Did you mean …?)" in Swedish: options as flags, commands as the command line. */
function suggestion(text: string): string {
  const asTyped = (name: string) => (name.startsWith('-') ? name : `pinnstatistik ${name}`);
  const one = text.match(/\(Did you mean ([^?,]+)\?\)/);
  if (one?.[1] !== undefined) return `\n(Menade du ${asTyped(one[1])}?)`;
  const many = text.match(/\(Did you mean one of ([^?]+)\?\)/);
  if (many?.[1] !== undefined)
    return `\n(Menade du något av ${many[1].split(', ').map(asTyped).join(', ')}?)`;
  return '';
}

/**
 * A commander usage error (already stripped of the user's arguments) in Swedish. Commander
 * writes English; this knows each of its messages the CLI can reach, and says anything else
 * as a general line rather than in English.
 */
export function swedishUsageError(text: string): string {
  const line = text.split('\n')[0] ?? '';
  const hint = suggestion(text);
  const quoted = (pattern: RegExp) => line.match(pattern)?.[1];
  let message: string;
  // The user's own word is already replaced by "(not repeated)", unquoted; a flag of ours stays quoted.
  const option = quoted(/^error: unknown option (?:'([^']*)'|\(not repeated\))/);
  const argument = quoted(/^error: missing required argument '([^']*)'/);
  const required = quoted(/^error: required option '([^']*)' not specified/);
  const valueless = quoted(/^error: option '([^']*)' argument missing/);
  if (line.startsWith('error: unknown option')) message = `okänd flagga ${option ?? UNREPEATED_SV}${hint}`;
  else if (line.startsWith('error: unknown command')) message = `okänt kommando ${UNREPEATED_SV}${hint}`;
  else if (argument !== undefined) message = `argumentet <${ARGUMENT_NAMES_SV[argument] ?? argument}> saknas`;
  else if (required !== undefined) message = `flaggan ${flagOf(required)} måste anges`;
  else if (valueless !== undefined) message = `flaggan ${flagOf(valueless)} saknar sitt värde`;
  else if (line.startsWith('error: too many arguments')) {
    const counts = line.match(/Expected (\d+) arguments? but got (\d+)/);
    message =
      counts === null
        ? 'för många argument'
        : `för många argument (${counts[1]} väntades, ${counts[2]} gavs)`;
  } else message = 'kommandoraden kunde inte tolkas (pinnstatistik --help visar kommandona och flaggorna)';
  return `fel: ${message}\n`;
}
