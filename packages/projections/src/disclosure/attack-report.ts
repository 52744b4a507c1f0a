import type { PublishedTable, RawTable } from '../report/report-model.js';
import { linearAttack } from './linear-attack.js';
import { rationalToNumber, rationalToString } from './rational.js';
import { tableEntries, tableLines } from './table-lines.js';

/** A suppressed quantity the attacker pinned down exactly. */
export interface RecoveredQuantity {
  readonly key: string;
  /** The value it must have (a whole number whenever the report adds up). */
  readonly value: number;
  /** The exact value as a fraction string (`"3"`, `"7/2"`). */
  readonly exact: string;
  /** The true value, when the raw tables were given. */
  readonly actual?: number;
}

/** What an intruder learns from a published report by solving its equations. */
export interface ReportAttack {
  /** Every suppressed quantity with exactly one possible value, in order of first appearance. */
  readonly recovered: readonly RecoveredQuantity[];
  /** Distinct suppressed quantities (the unknowns). */
  readonly unknowns: number;
  /** Additivity equations used (rows, columns and both totals lines per table). */
  readonly equations: number;
  /** Independent equations among them. */
  readonly rank: number;
  /** False when the published numbers contradict each other. */
  readonly consistent: boolean;
}

/**
 * Attacks a published report as an intruder would: it sees only the published values and the
 * tables' structure (which cells add up to which totals, and which quantities are shared
 * between tables through their keys). Every suppressed quantity is an unknown, every row,
 * column and totals line an equation; exact elimination (BigInt, no floating point) returns
 * every suppressed quantity that has exactly one solution.
 *
 * This is a *linear* attack: it does not use that counts are non-negative whole numbers or
 * that suppressed ones lie below the threshold, so it finds exact recoveries, not narrowed
 * intervals. Given the raw tables, each recovery also carries the true value (`actual`).
 */
export function attackReport(tables: readonly PublishedTable[], raw?: readonly RawTable[]): ReportAttack {
  const published = new Map<string, number>();
  for (const table of tables) {
    for (const cell of tableEntries(table)) if (!cell.suppressed) published.set(cell.key, cell.value);
  }
  const actual = new Map<string, number>();
  for (const table of raw ?? [])
    for (const quantity of tableEntries(table)) actual.set(quantity.key, quantity.value);
  const lines = tableLines(tables);
  const solution = linearAttack(lines, (key) => published.get(key));
  const recovered = [...solution.determined].map(([key, value]): RecoveredQuantity => {
    const truth = actual.get(key);
    return {
      key,
      value: rationalToNumber(value),
      exact: rationalToString(value),
      ...(truth === undefined ? {} : { actual: truth }),
    };
  });
  return {
    recovered,
    unknowns: solution.unknowns,
    equations: lines.length,
    rank: solution.rank,
    consistent: solution.consistent,
  };
}
