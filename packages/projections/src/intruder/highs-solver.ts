import highsLoader, { type Highs, type Model, type ModelData } from 'highs';
import type { LinearRow } from './base-variables.js';

let loading: Promise<Highs> | undefined;

/** HiGHS (the Edinburgh MIP solver, compiled to WebAssembly), loaded once per process. */
export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

/** No count in these tables comes near this: it only keeps every programme bounded. */
const CEILING = 10_000_000;

/** One connected part of the intruder's system, as an integer programme that can be re-aimed. */
export interface ComponentSolver {
  /**
   * Minimises or maximises a sum of the component's unknowns (local column indices) over whole
   * numbers; returns the optimum and the solution that attains it.
   */
  optimise(columns: readonly number[], sense: 'min' | 'max'): { value: number; solution: Float64Array };
  dispose(): void;
}

/** A MIP over the component's unknowns: bounds, the remaining constraints, integrality. */
export function componentSolver(
  highs: Highs,
  lower: readonly number[],
  upper: readonly number[],
  rows: readonly LinearRow[],
): ComponentSolver {
  const numCols = lower.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    const order = row.columns.map((column, position) => ({
      column,
      coefficient: row.coefficients[position] ?? 0,
    }));
    order.sort((a, b) => a.column - b.column);
    for (const { column, coefficient } of order) {
      indices.push(column);
      values.push(coefficient);
    }
    starts.push(indices.length);
  }
  const data: ModelData = {
    numCols,
    numRows: rows.length,
    colCost: new Float64Array(numCols),
    colLower: Float64Array.from(lower),
    colUpper: Float64Array.from(upper, (bound) => Math.min(bound, CEILING)),
    rowLower: Float64Array.from(rows, (row) => (Number.isFinite(row.lower) ? row.lower : -highs.infinity)),
    rowUpper: Float64Array.from(rows, (row) => (Number.isFinite(row.upper) ? row.upper : highs.infinity)),
    matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values },
  };
  // The relaxation first: these constraint matrices are nearly always unimodular, so its
  // optimum is whole and then it is the integer optimum too; otherwise the MIP decides.
  const relaxation = highs.createModel(data);
  relaxation.options.set({ output_flag: false, random_seed: 0 });
  let integer: Model | undefined;
  const model = (): Model => {
    if (integer === undefined) {
      integer = highs.createModel({
        ...data,
        integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
      });
      integer.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, random_seed: 0 });
    }
    return integer;
  };
  const solve = (which: Model, costs: Float64Array, sense: 'min' | 'max'): Float64Array => {
    which.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, costs);
    which.changeObjectiveSense(
      sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    );
    which.run();
    const status = which.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal) {
      throw new Error(`the intruder's integer programme ended with HiGHS status ${status}`);
    }
    return which.getSolution().colValue;
  };
  return {
    optimise(columns, sense) {
      const costs = new Float64Array(numCols);
      for (const column of columns) costs[column] = 1;
      let solution = solve(relaxation, costs, sense);
      if (solution.some((value) => Math.abs(value - Math.round(value)) > 1e-7))
        solution = solve(model(), costs, sense);
      let value = 0;
      for (const column of columns) value += Math.round(solution[column] ?? 0);
      return { value, solution };
    },
    dispose: () => {
      relaxation.dispose();
      integer?.dispose();
    },
  };
}
