/** The command-line option behind each field of the report options. */
const OPTION_FOR_FIELD: Readonly<Record<string, string>> = {
  from: '--from',
  to: '--to',
  granularity: '--granularity',
  k: '--k',
  showZeros: '--hide-zeros',
  interventions: '--intervention',
  byUnit: '--by-unit',
  comparePrevious: '--compare-previous',
};

/**
 * The option a user typed for a report-options path (`/interventions/0` → `--intervention`), so a
 * message names what is on their command line, not a field of the options object.
 */
export function reportOptionName(path: string | readonly PropertyKey[]): string {
  const field = String((typeof path === 'string' ? path.replace(/^\//, '').split('/') : path)[0] ?? '');
  return OPTION_FOR_FIELD[field] ?? (field === '' ? 'the report options' : `--${field}`);
}

/** A report-options refusal in Swedish, naming the option and never repeating what was given. */
export function swedishOptionsRefusal(option: string, issue: string | undefined, to: string): string {
  const flag = option.startsWith('--') ? option : 'rapportens flaggor';
  if (issue === 'no catalogue was in force in the range')
    return `${flag}: ingen katalogversion gällde ${to} i källan: inget att rapportera`;
  if (flag === '--intervention')
    return '--intervention: okänd insats (pinnstatistik catalogue show --from <källa> visar insatserna och deras id)';
  if (flag === '--variance')
    return '--variance: variansen måste vara mindre än kvadraten på den största avvikelsen (--max-deviation)';
  return `${flag}: värdet kan inte användas (pinnstatistik report --help visar vad flaggan tar)`;
}
