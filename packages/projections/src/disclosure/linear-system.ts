import { gcd, type Rational, rational } from './rational.js';

/** A linear equation `Σ coefficient × unknown = constant` over named unknowns. */
export interface LinearEquation {
  readonly coefficients: ReadonlyMap<string, bigint>;
  readonly constant: Rational;
}

/** What exact elimination learns from a system. */
export interface LinearSolution {
  /** Every unknown with exactly one possible value, in the order the unknowns were first seen. */
  readonly determined: ReadonlyMap<string, Rational>;
  /** The rank of the system (independent equations). */
  readonly rank: number;
  /** False when the equations contradict each other (the published numbers do not add up). */
  readonly consistent: boolean;
}

interface Row {
  coefficients: Map<number, bigint>;
  constant: bigint;
}

/** Scales an equation by its constant's denominator: integer coefficients and constant. */
function integerRow(equation: LinearEquation, column: (key: string) => number): Row {
  const scale = equation.constant.denominator;
  const coefficients = new Map<number, bigint>();
  for (const [key, coefficient] of equation.coefficients) {
    if (coefficient === 0n) continue;
    const index = column(key);
    const sum = (coefficients.get(index) ?? 0n) + coefficient * scale;
    if (sum === 0n) coefficients.delete(index);
    else coefficients.set(index, sum);
  }
  return { coefficients, constant: equation.constant.numerator };
}

/** Divides a row by the gcd of its entries, so numbers stay small. */
function normalise(row: Row): void {
  let divisor = row.constant < 0n ? -row.constant : row.constant;
  for (const value of row.coefficients.values()) divisor = gcd(divisor, value);
  if (divisor > 1n) {
    for (const [index, value] of row.coefficients) row.coefficients.set(index, value / divisor);
    row.constant /= divisor;
  }
}

/** `target ← target × p − pivotRow × t`, removing `column` from `target` (p, t its coefficients there). */
function eliminate(target: Row, pivotRow: Row, column: number): void {
  const t = target.coefficients.get(column);
  const p = pivotRow.coefficients.get(column);
  if (t === undefined || p === undefined) return;
  const scaleTarget = p < 0n ? -p : p;
  const scalePivot = p < 0n ? -t : t;
  for (const [index, value] of target.coefficients) target.coefficients.set(index, value * scaleTarget);
  target.constant *= scaleTarget;
  for (const [index, value] of pivotRow.coefficients) {
    const next = (target.coefficients.get(index) ?? 0n) - value * scalePivot;
    if (next === 0n) target.coefficients.delete(index);
    else target.coefficients.set(index, next);
  }
  target.constant -= pivotRow.constant * scalePivot;
  normalise(target);
}

/**
 * Exact Gauss–Jordan elimination over the integers (BigInt, fraction-free, rows kept in
 * lowest terms): no floating point, no tolerance. An unknown is determined exactly when, in
 * the reduced system, it is a pivot whose row holds no other unknown — that is, when the unit
 * vector of the unknown lies in the row space of the equations.
 */
export function solveLinearSystem(equations: readonly LinearEquation[]): LinearSolution {
  const names: string[] = [];
  const indices = new Map<string, number>();
  const column = (key: string): number => {
    let index = indices.get(key);
    if (index === undefined) {
      index = names.length;
      names.push(key);
      indices.set(key, index);
    }
    return index;
  };
  const pivots = new Map<number, Row>();
  let consistent = true;
  for (const equation of equations) {
    const row = integerRow(equation, column);
    normalise(row);
    for (const index of [...row.coefficients.keys()]) {
      const pivotRow = pivots.get(index);
      if (pivotRow !== undefined) eliminate(row, pivotRow, index);
    }
    if (row.coefficients.size === 0) {
      if (row.constant !== 0n) consistent = false;
      continue;
    }
    const pivot = Math.min(...row.coefficients.keys());
    for (const other of pivots.values()) eliminate(other, row, pivot);
    pivots.set(pivot, row);
  }
  const determined = new Map<string, Rational>();
  const ordered = [...pivots.entries()].sort(([a], [b]) => a - b);
  for (const [index, row] of ordered) {
    const coefficient = row.coefficients.get(index);
    const name = names[index];
    if (row.coefficients.size === 1 && coefficient !== undefined && name !== undefined) {
      determined.set(name, rational(row.constant, coefficient));
    }
  }
  return { determined, rank: pivots.size, consistent };
}
