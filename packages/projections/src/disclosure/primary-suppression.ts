import type { DisclosureOptions, RawTable } from '../report/report-model.js';
import { isSensitive } from './disclosure-options.js';
import { tableEntries } from './table-lines.js';

/**
 * The quantities suppressed on their own (primary suppression): every key with a count from
 * 1 to k − 1 (and 0 when zeros are hidden) wherever it appears — totals included.
 */
export function primarySuppressions(tables: readonly RawTable[], options: DisclosureOptions): Set<string> {
  const suppressed = new Set<string>();
  for (const table of tables) {
    for (const quantity of tableEntries(table)) {
      if (isSensitive(quantity.value, options)) suppressed.add(quantity.key);
    }
  }
  return suppressed;
}
