import type { RawTable } from '../report/report-model.js';
import { linearAttack } from './linear-attack.js';
import { netTerms, tableEntries, tableLines } from './table-lines.js';

/** What the search knows about one quantity. */
interface QuantityFacts {
  readonly value: number;
  /** Position of its first appearance: the last tie-breaker, so the result is deterministic. */
  readonly order: number;
  /** Whether it is a row, column or grand total somewhere (totals are shared between tables). */
  readonly total: boolean;
  readonly lines: number[];
}

function quantityFacts(tables: readonly RawTable[], lineKeys: readonly (readonly string[])[]) {
  const facts = new Map<string, QuantityFacts>();
  const note = (key: string, value: number, total: boolean): void => {
    const known = facts.get(key);
    if (known === undefined) facts.set(key, { value, order: facts.size, total, lines: [] });
    else if (total && !known.total) facts.set(key, { ...known, total });
  };
  for (const table of tables) {
    for (const row of table.cells) for (const cell of row) note(cell.key, cell.value, false);
    for (const quantity of tableEntries(table).slice(table.cells.flat().length)) {
      note(quantity.key, quantity.value, true);
    }
  }
  lineKeys.forEach((keys, index) => {
    for (const key of keys) facts.get(key)?.lines.push(index);
  });
  return facts;
}

/**
 * Secondary suppression: the quantities that must be hidden as well so that none of the
 * `primary` ones can be computed from what is published.
 *
 * 1. *Lines*: every additivity equation (row, column, totals line — in any table, with shared
 *    keys counted once) holding exactly one suppressed quantity gets a second one, repeated to
 *    a fixpoint. The complement is the published quantity that is a cell rather than a total
 *    (totals are shared between tables and cascade), opens the fewest untouched lines (so
 *    suppressions close into rectangles), is non-zero, and is smallest — then first in order.
 * 2. *Verification*: the exact linear attack runs on the pattern; for every quantity it still
 *    pins down, a complement is suppressed in one of its lines (or, when those are all hidden,
 *    the nearest line that still publishes something), and both steps repeat until the attack
 *    recovers nothing. The pattern only grows, so this terminates; it is safe by construction
 *    because it stops only when the attack — the same one `attackReport` runs — finds nothing.
 */
export function secondarySuppressions(
  tables: readonly RawTable[],
  primary: ReadonlySet<string>,
): Set<string> {
  const lines = tableLines(tables);
  const lineKeys = lines.map((line) => [...netTerms(line).keys()]);
  const facts = quantityFacts(tables, lineKeys);
  const suppressed = new Set(primary);
  const secondary = new Set<string>();

  const suppressedIn = (line: number): number =>
    (lineKeys[line] ?? []).reduce((count, key) => count + (suppressed.has(key) ? 1 : 0), 0);

  const score = (key: string): readonly number[] => {
    const fact = facts.get(key);
    if (fact === undefined) return [Number.POSITIVE_INFINITY];
    const opens = fact.lines.filter((line) => suppressedIn(line) === 0).length;
    return [fact.total ? 1 : 0, opens, fact.value === 0 ? 1 : 0, fact.value, fact.order];
  };
  const better = (a: readonly number[], b: readonly number[]): boolean => {
    for (let index = 0; index < Math.max(a.length, b.length); index++) {
      const x = a[index] ?? 0;
      const y = b[index] ?? 0;
      if (x !== y) return x < y;
    }
    return false;
  };
  const bestPublished = (candidateLines: Iterable<number>): string | undefined => {
    let best: { key: string; score: readonly number[] } | undefined;
    for (const line of candidateLines) {
      for (const key of lineKeys[line] ?? []) {
        if (suppressed.has(key)) continue;
        const candidate = { key, score: score(key) };
        if (best === undefined || better(candidate.score, best.score)) best = candidate;
      }
    }
    return best?.key;
  };
  const suppress = (key: string): void => {
    suppressed.add(key);
    secondary.add(key);
  };

  const completeLines = (): void => {
    let changed = true;
    while (changed) {
      changed = false;
      for (let line = 0; line < lines.length; line++) {
        if (suppressedIn(line) !== 1) continue;
        const complement = bestPublished([line]);
        if (complement === undefined) continue;
        suppress(complement);
        changed = true;
      }
    }
  };

  /** The best published quantity in the lines nearest to `key` (its own lines first). */
  const complementFor = (key: string): string | undefined => {
    const seenLines = new Set<number>();
    const seenKeys = new Set([key]);
    let frontier = [key];
    while (frontier.length > 0) {
      const ring = frontier.flatMap((k) => facts.get(k)?.lines ?? []).filter((line) => !seenLines.has(line));
      for (const line of ring) seenLines.add(line);
      const found = bestPublished(ring);
      if (found !== undefined) return found;
      frontier = ring.flatMap((line) => lineKeys[line] ?? []).filter((k) => !seenKeys.has(k));
      for (const k of frontier) seenKeys.add(k);
    }
    return undefined;
  };

  const knownValue = (key: string): number | undefined =>
    suppressed.has(key) ? undefined : facts.get(key)?.value;
  for (;;) {
    completeLines();
    const attack = linearAttack(lines, knownValue);
    if (attack.determined.size === 0) break;
    const touched = new Set<number>();
    let added = false;
    for (const key of attack.determined.keys()) {
      if ((facts.get(key)?.lines ?? []).some((line) => touched.has(line))) continue;
      const complement = complementFor(key);
      if (complement === undefined) continue;
      suppress(complement);
      for (const line of facts.get(complement)?.lines ?? []) touched.add(line);
      added = true;
    }
    if (!added) break;
  }
  return secondary;
}
