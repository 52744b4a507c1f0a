import { createHash } from 'node:crypto';
import { tableEntries } from '../disclosure/table-lines.js';
import type { PublishedTable } from '../report/report-model.js';

/** SHA-256 (hex) over a report's published figures: each quantity's key and value, `..` as null, in order. */
export function publishedDigest(tables: readonly PublishedTable[]): string {
  const figures = tables.flatMap((table) =>
    tableEntries(table).map((cell) => [cell.key, cell.suppressed ? null : cell.value]),
  );
  return createHash('sha256').update(JSON.stringify(figures)).digest('hex');
}
