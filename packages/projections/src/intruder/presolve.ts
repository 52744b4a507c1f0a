import type { LinearRow } from './base-variables.js';

/** A system after presolve: bounds per unknown, and the constraints that still bind free unknowns. */
export interface PresolvedSystem {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Constraints over free unknowns only (fixed ones moved into the bounds). */
  readonly rows: readonly LinearRow[];
}

/**
 * What any intruder derives before solving anything: a constraint with one unknown left bounds
 * that unknown; a sum of non-negative unknowns bounded by 0 fixes them all at 0; a constraint
 * whose unknowns are all fixed drops out. Repeated until nothing changes. Nothing here loses a
 * solution, so the bounds of what remains are the same as those of the whole system.
 */
export function presolve(variableCount: number, rows: readonly LinearRow[]): PresolvedSystem {
  const lower = new Float64Array(variableCount);
  const upper = new Float64Array(variableCount).fill(Number.POSITIVE_INFINITY);
  const fixed = (column: number): boolean => lower[column] === upper[column];
  const usedBy: number[][] = Array.from({ length: variableCount }, () => []);
  rows.forEach((row, index) => {
    for (const column of row.columns) usedBy[column]?.push(index);
  });
  const live = new Uint8Array(rows.length).fill(1);
  const queue = rows.map((_, index) => index);
  const queued = new Uint8Array(rows.length).fill(1);
  const touch = (column: number): void => {
    for (const index of usedBy[column] ?? []) {
      if (live[index] === 1 && queued[index] === 0) {
        queued[index] = 1;
        queue.push(index);
      }
    }
  };
  const tighten = (column: number, low: number, high: number): void => {
    const newLow = Math.max(lower[column] ?? 0, Math.ceil(low - 1e-9));
    const newHigh = Math.min(upper[column] ?? Number.POSITIVE_INFINITY, Math.floor(high + 1e-9));
    if (newLow === lower[column] && newHigh === upper[column]) return;
    lower[column] = newLow;
    upper[column] = newHigh;
    touch(column);
  };
  while (queue.length > 0) {
    const index = queue.pop() as number;
    queued[index] = 0;
    const row = rows[index] as LinearRow;
    let constant = 0;
    const free: { column: number; coefficient: number }[] = [];
    row.columns.forEach((column, position) => {
      const coefficient = row.coefficients[position] ?? 0;
      if (fixed(column)) constant += coefficient * (lower[column] ?? 0);
      else free.push({ column, coefficient });
    });
    if (free.length === 0) {
      live[index] = 0;
      continue;
    }
    const low = row.lower - constant;
    const high = row.upper - constant;
    if (free.length === 1) {
      const { column, coefficient } = free[0] as { column: number; coefficient: number };
      if (coefficient > 0) tighten(column, low / coefficient, high / coefficient);
      else tighten(column, high / coefficient, low / coefficient);
      live[index] = 0;
      continue;
    }
    // Σ of non-negative unknowns at most 0 (beyond their lower bounds): all at their lower bounds.
    if (free.every((term) => term.coefficient > 0)) {
      const floor = free.reduce((total, term) => total + term.coefficient * (lower[term.column] ?? 0), 0);
      if (high - floor <= 1e-9) {
        for (const term of free) tighten(term.column, lower[term.column] ?? 0, lower[term.column] ?? 0);
        live[index] = 0;
      }
    }
  }
  const remaining: LinearRow[] = [];
  rows.forEach((row, index) => {
    if (live[index] === 0) return;
    let constant = 0;
    const columns: number[] = [];
    const coefficients: number[] = [];
    row.columns.forEach((column, position) => {
      const coefficient = row.coefficients[position] ?? 0;
      if (fixed(column)) constant += coefficient * (lower[column] ?? 0);
      else {
        columns.push(column);
        coefficients.push(coefficient);
      }
    });
    if (columns.length > 0)
      remaining.push({
        columns,
        coefficients,
        lower: row.lower - constant,
        upper: row.upper - constant,
        kind: row.kind,
      });
  });
  return { lower, upper, rows: remaining };
}
