import type { QuantitySupport } from '../report/report-model.js';
import { baseSystem, type LinearRow } from './base-variables.js';
import { componentSolver, loadHighs } from './highs-solver.js';
import type {
  IntruderFinding,
  IntruderKnowledge,
  IntruderReport,
  IntruderTarget,
} from './intruder-knowledge.js';
import { presolve } from './presolve.js';

/** What the defender knows and the intruder does not: the true count of any support. */
export type Truth = (support: QuantitySupport) => number;

interface Prepared {
  readonly target: IntruderTarget;
  /** Σ of the target's fixed unknowns. */
  readonly fixed: number;
  /** Its free unknowns (global columns). */
  readonly free: readonly number[];
}

function unionFind(size: number) {
  const parent = Int32Array.from({ length: size }, (_, index) => index);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    let node = x;
    while (parent[node] !== root) {
      const next = parent[node] as number;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  return {
    find,
    union(a: number, b: number): void {
      const [ra, rb] = [find(a), find(b)];
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
}

/**
 * The integer intruder: from everything released (each observation a bound on a sum of base
 * counts), the identities between measures, and that counts are whole numbers ≥ 0, it finds for
 * each target the smallest and largest value it could have — with an exact MIP (HiGHS), not a
 * heuristic. A target is disclosed when the two agree; a protected target fails when the
 * feasible values do not reach its protection level.
 *
 * To spend few solves it keeps every solution it finds (the true counts are the first): a target
 * seen with two values is not exact, and one seen at 0 and at k is protected, with no solve of
 * its own. Only the rest get their own minimum and maximum.
 */
export async function attackReleases(
  knowledge: IntruderKnowledge,
  targets: readonly IntruderTarget[],
  truth: Truth,
): Promise<IntruderReport> {
  const system = baseSystem(
    knowledge,
    targets.map((target) => target.support),
  );
  const actual = system.variables.map((variable) =>
    truth({
      interventionId: variable.interventionId,
      months: variable.months,
      units: variable.units,
      measure: variable.measure,
    }),
  );
  const holds = (row: LinearRow): boolean => {
    const sum = row.columns.reduce(
      (total, column, index) => total + (row.coefficients[index] ?? 0) * (actual[column] ?? 0),
      0,
    );
    return sum >= row.lower - 1e-9 && sum <= row.upper + 1e-9;
  };
  const rows: LinearRow[] = [];
  for (const row of system.rows) {
    if (holds(row)) rows.push(row);
    else if (row.kind === 'observation') throw new Error('an observation does not hold for the true counts');
    // A relation the data do not satisfy (a dimension added mid-range, say) is no identity.
  }
  const reduced = presolve(system.variables.length, rows);
  const prepared: Prepared[] = targets.map((target) => {
    let fixed = 0;
    const free: number[] = [];
    for (const column of system.columnsOf(target.support)) {
      if (reduced.lower[column] === reduced.upper[column]) fixed += reduced.lower[column] ?? 0;
      else free.push(column);
    }
    return { target, fixed, free };
  });

  const sets = unionFind(system.variables.length);
  for (const row of reduced.rows)
    for (const column of row.columns) sets.union(row.columns[0] as number, column);
  for (const { free } of prepared) for (const column of free) sets.union(free[0] as number, column);

  const findings = new Map<number, IntruderFinding>();
  const judge = (index: number, min: number, max: number): void => {
    const { target } = prepared[index] as Prepared;
    const protect = target.protect;
    const lowerFails = protect !== undefined && min > protect.atMost;
    const upperFails = protect !== undefined && max < protect.atLeast;
    if (min !== max && !lowerFails && !upperFails) return;
    findings.set(index, {
      id: target.id,
      actual: target.actual,
      min,
      max,
      exact: min === max,
      ...(lowerFails || upperFails
        ? { failing: lowerFails && upperFails ? 'both' : lowerFails ? 'lower' : 'upper' }
        : {}),
    });
  };

  const byComponent = new Map<number, number[]>();
  prepared.forEach((entry, index) => {
    if (entry.free.length === 0) {
      judge(index, entry.fixed, entry.fixed);
      return;
    }
    const root = sets.find(entry.free[0] as number);
    byComponent.set(root, [...(byComponent.get(root) ?? []), index]);
  });
  const componentRows = new Map<number, LinearRow[]>();
  for (const row of reduced.rows) {
    const root = sets.find(row.columns[0] as number);
    if (!byComponent.has(root)) continue;
    componentRows.set(root, [...(componentRows.get(root) ?? []), row]);
  }

  const highs = byComponent.size === 0 ? undefined : await loadHighs();
  let solves = 0;
  let unknowns = 0;
  let constraints = 0;
  for (const [root, members] of byComponent) {
    const columns: number[] = [];
    for (let column = 0; column < system.variables.length; column++) {
      if (reduced.lower[column] !== reduced.upper[column] && sets.find(column) === root) columns.push(column);
    }
    const local = new Map(columns.map((column, index) => [column, index]));
    const localRows = (componentRows.get(root) ?? []).map((row) => ({
      ...row,
      columns: row.columns.map((column) => local.get(column) as number),
    }));
    unknowns += columns.length;
    constraints += localRows.length;
    const solver = componentSolver(
      highs as NonNullable<typeof highs>,
      columns.map((column) => reduced.lower[column] ?? 0),
      columns.map((column) => reduced.upper[column] ?? Number.POSITIVE_INFINITY),
      localRows,
    );
    try {
      const targetColumns = members.map((index) =>
        (prepared[index] as Prepared).free.map((column) => local.get(column) as number),
      );
      const seenMin = members.map((index) => actualOf(prepared[index] as Prepared, actual));
      const seenMax = [...seenMin];
      const see = (solution: Float64Array): void => {
        members.forEach((index, position) => {
          const value =
            (prepared[index] as Prepared).fixed +
            (targetColumns[position] ?? []).reduce(
              (total, column) => total + Math.round(solution[column] ?? 0),
              0,
            );
          seenMin[position] = Math.min(seenMin[position] ?? value, value);
          seenMax[position] = Math.max(seenMax[position] ?? value, value);
        });
      };
      const needsLow = (position: number): boolean => {
        const protect = (prepared[members[position] as number] as Prepared).target.protect;
        const min = seenMin[position] as number;
        return protect === undefined ? min === seenMax[position] : min > protect.atMost;
      };
      const needsHigh = (position: number): boolean => {
        const protect = (prepared[members[position] as number] as Prepared).target.protect;
        const max = seenMax[position] as number;
        return protect === undefined ? max === seenMin[position] : max < protect.atLeast;
      };
      const optimise = (cols: readonly number[], sense: 'min' | 'max'): number => {
        solves += 1;
        const { value, solution } = solver.optimise(cols, sense);
        see(solution);
        return value;
      };
      // Batches first: push every undecided target up (then down) at once; repeat while it helps.
      for (let round = 0; round < 4; round++) {
        const undecided = members.map((_, position) => position).filter((p) => needsLow(p) || needsHigh(p));
        if (undecided.length <= 1) break;
        const up = [...new Set(undecided.filter(needsHigh).flatMap((p) => targetColumns[p] ?? []))].sort(
          (a, b) => a - b,
        );
        const down = [...new Set(undecided.filter(needsLow).flatMap((p) => targetColumns[p] ?? []))].sort(
          (a, b) => a - b,
        );
        if (up.length > 0) optimise(up, 'max');
        if (down.length > 0) optimise(down, 'min');
        const still = members.map((_, position) => position).filter((p) => needsLow(p) || needsHigh(p));
        if (still.length >= undecided.length) break;
      }
      members.forEach((index, position) => {
        const cols = targetColumns[position] ?? [];
        const fixed = (prepared[index] as Prepared).fixed;
        let min = seenMin[position] as number;
        let max = seenMax[position] as number;
        if (needsHigh(position)) max = fixed + optimise(cols, 'max');
        if (needsLow(position)) min = fixed + optimise(cols, 'min');
        judge(index, min, max);
      });
    } finally {
      solver.dispose();
    }
  }
  return {
    findings: [...findings.entries()].sort(([a], [b]) => a - b).map(([, finding]) => finding),
    targets: targets.length,
    unknowns,
    constraints,
    solves,
  };
}

const actualOf = (entry: Prepared, actual: readonly number[]): number =>
  entry.fixed + entry.free.reduce((total, column) => total + (actual[column] ?? 0), 0);
