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
