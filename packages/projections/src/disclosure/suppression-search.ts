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

/** How much room a complement must give: a count it should reach for the pattern to protect. */
export interface ComplementNeed {
  /** Prefer complements of at least this count (they can move far enough both ways). */
  readonly capacity: number;
}

/** The secondary-suppression search over one report's tables; it only ever adds suppressions. */
export interface SuppressionSearch {
  /** Every suppressed key (primary and secondary). */
  readonly suppressed: ReadonlySet<string>;
  /** The keys suppressed by the search (not primary). */
  readonly secondary: ReadonlySet<string>;
  suppress(key: string): void;
  /** Every line holding exactly one suppressed quantity gets a second one, to a fixpoint. */
  completeLines(): void;
  /** The exact linear attack, repeated with complements until it recovers nothing. */
  closeLinearly(): void;
  /** The best published quantity in the lines nearest to `key` (its own lines first). */
  complementFor(key: string, need?: ComplementNeed): string | undefined;
  /** Whether a key is a quantity of these tables. */
  has(key: string): boolean;
  /** Whether a key is a total somewhere. */
  isTotal(key: string): boolean;
}

/**
 * The search behind secondary suppression. A complement is, in order of preference: a cell
 * rather than a total (totals are shared between tables, and suppressing them cascades); one
 * with room enough (when a need is given); one that opens the fewest untouched lines (so
 * suppressions close into rectangles); non-zero; smallest; first in table order.
 */
export function createSuppressionSearch(
  tables: readonly RawTable[],
  primary: ReadonlySet<string>,
  /** Quantities known exactly from elsewhere: hiding them protects nothing, so they are never complements. */
  known: ReadonlySet<string> = new Set(),
): SuppressionSearch {
  const lines = tableLines(tables);
  const lineKeys = lines.map((line) => [...netTerms(line).keys()]);
  const facts = quantityFacts(tables, lineKeys);
  const suppressed = new Set(primary);
  const secondary = new Set<string>();
  const suppressedIn = (line: number): number =>
    (lineKeys[line] ?? []).reduce((count, key) => count + (suppressed.has(key) ? 1 : 0), 0);

  const score = (key: string, need: ComplementNeed | undefined): readonly number[] => {
    const fact = facts.get(key);
    if (fact === undefined) return [Number.POSITIVE_INFINITY];
    const opens = fact.lines.filter((line) => suppressedIn(line) === 0).length;
    const short = need === undefined ? 0 : fact.value >= need.capacity ? 0 : 1;
    return [fact.total ? 1 : 0, short, opens, fact.value === 0 ? 1 : 0, fact.value, fact.order];
  };
  const better = (a: readonly number[], b: readonly number[]): boolean => {
    for (let index = 0; index < Math.max(a.length, b.length); index++) {
      const x = a[index] ?? 0;
      const y = b[index] ?? 0;
      if (x !== y) return x < y;
    }
    return false;
  };
  const bestPublished = (candidateLines: Iterable<number>, need?: ComplementNeed): string | undefined => {
    let best: { key: string; score: readonly number[] } | undefined;
    for (const line of candidateLines) {
      for (const key of lineKeys[line] ?? []) {
        if (suppressed.has(key) || known.has(key)) continue;
        const candidate = { key, score: score(key, need) };
        if (best === undefined || better(candidate.score, best.score)) best = candidate;
      }
    }
    return best?.key;
  };
  const suppress = (key: string): void => {
    if (suppressed.has(key)) return;
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
  const complementFor = (key: string, need?: ComplementNeed): string | undefined => {
    const seenLines = new Set<number>();
    const seenKeys = new Set([key]);
    let frontier = [key];
    while (frontier.length > 0) {
      const ring = frontier.flatMap((k) => facts.get(k)?.lines ?? []).filter((line) => !seenLines.has(line));
      for (const line of ring) seenLines.add(line);
      const found = bestPublished(ring, need);
      if (found !== undefined) return found;
      frontier = ring.flatMap((line) => lineKeys[line] ?? []).filter((k) => !seenKeys.has(k));
      for (const k of frontier) seenKeys.add(k);
    }
    return undefined;
  };
  const knownValue = (key: string): number | undefined =>
    suppressed.has(key) ? undefined : facts.get(key)?.value;
  const closeLinearly = (): void => {
    for (;;) {
      completeLines();
      const attack = linearAttack(lines, knownValue);
      if (attack.determined.size === 0) return;
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
      if (!added) return;
    }
  };
  return {
    suppressed,
    secondary,
    suppress,
    completeLines,
    closeLinearly,
    complementFor,
    has: (key) => facts.has(key),
    isTotal: (key) => facts.get(key)?.total === true,
  };
}
