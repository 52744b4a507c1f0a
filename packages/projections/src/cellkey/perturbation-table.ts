import { maximumEntropy } from './maximum-entropy.js';

/** The parameters of the cell-key method's perturbation table, as `ptable` names them. */
export interface PerturbationParameters {
  /** D: no published count differs from the true one by more than this. */
  readonly maxDeviation: number;
  /** V: the variance of the perturbation (of every row that is not blocked). */
  readonly variance: number;
  /**
   * The smallest non-zero count that is ever published (ptable's `js` + 1): the counts
   * 1 … smallestPublished − 1 never appear; a true count in that range is published as 0 or
   * as at least this much.
   */
  readonly smallestPublished: number;
}

/** One row of the table: how a true count `original` may be moved, with what probability. */
export interface PerturbationRow {
  readonly original: number;
  /** Deviations (published − true), ascending. */
  readonly deviations: readonly number[];
  /** Their probabilities, rounded to 8 decimals as `ptable` does (they sum to exactly 1). */
  readonly probabilities: readonly number[];
  /** Upper ends of the cumulative intervals, in units of 10⁻⁸; the last is 10⁸. */
  readonly thresholds: readonly number[];
}

/** A perturbation table and what follows from it. */
export interface PerturbationTable {
  readonly parameters: PerturbationParameters;
  /** Rows 0 … the first symmetric row; larger counts use the last row. */
  readonly rows: readonly PerturbationRow[];
  /** The deviation for a true count and a cell key in [0, 1). Zero stays zero. */
  perturbation(value: number, cellKey: number): number;
  /** Every true count that could have been published as `published`: a whole range. */
  possibleOriginals(published: number): { readonly lower: number; readonly upper: number };
  /** E|deviation| for a true count (what a cell of that size costs on average). */
  expectedAbsoluteDeviation(value: number): number;
  /** The probability that a true count is published unchanged. */
  stayProbability(value: number): number;
}

const SCALE = 100_000_000;

/** The parameters validated, or what is wrong with them (in English, for a programmer). */
export function perturbationParameterProblem(parameters: PerturbationParameters): string | undefined {
  const { maxDeviation: d, variance: v, smallestPublished: s } = parameters;
  if (!Number.isSafeInteger(d) || d < 1 || d > 20)
    return 'the maximum deviation D must be a whole number 1–20';
  if (!Number.isFinite(v) || v <= 0 || v >= d * d)
    return `the variance V must be above 0 and below D² = ${d * d}`;
  if (!Number.isSafeInteger(s) || s < 1 || s > d + 1)
    return `the smallest published count must be a whole number 1–${d + 1} (D + 1)`;
  return undefined;
}

function row(original: number, deviations: number[], probabilities: number[]): PerturbationRow {
  let cumulative = 0;
  const thresholds = probabilities.map((p, index) => {
    cumulative += p;
    return index === probabilities.length - 1 ? SCALE : Math.round(cumulative * SCALE);
  });
  const rounded = thresholds.map((threshold, index) => (threshold - (thresholds[index - 1] ?? 0)) / SCALE);
  return { original, deviations, probabilities: rounded, thresholds };
}

/**
 * The perturbation table for counts, built as the R package `ptable` (`create_cnt_ptable`)
 * builds it: for each true count i = 0 … ncat (ncat = D without blocking, D + js + 1 with it),
 * the published counts j run over max(i − D, 0) … i + D except the blocked 1 … js; each row's
 * probabilities are the maximum-entropy distribution with mean deviation 0, variance at most V
 * (not imposed on blocked rows, which cannot meet it) and rising towards "unchanged"; rounded
 * to 8 decimals through their cumulative sums. Row 0 publishes 0. The last row is symmetric
 * and serves every larger count.
 */
export function perturbationTable(parameters: PerturbationParameters): PerturbationTable {
  const problem = perturbationParameterProblem(parameters);
  if (problem !== undefined) throw new RangeError(problem);
  const { maxDeviation: d, variance, smallestPublished } = parameters;
  const js = smallestPublished - 1;
  const blocked = (count: number): boolean => count >= 1 && count <= js;
  const ncat = js === 0 ? d : d + js + 1;
  const rows: PerturbationRow[] = [row(0, [0], [1])];
  for (let original = 1; original <= ncat; original++) {
    const deviations: number[] = [];
    for (let published = Math.max(original - d, 0); published <= original + d; published++)
      if (!blocked(published)) deviations.push(published - original);
    const probabilities = maximumEntropy(deviations, {
      ...(blocked(original) ? {} : { variance }),
      monotoneBelowZero: !blocked(original),
    });
    rows.push(row(original, deviations, probabilities));
  }
  const rowOf = (value: number): PerturbationRow => rows[Math.min(value, ncat)] as PerturbationRow;
  const canPublish = (original: number, published: number): boolean => {
    const entry = rowOf(original);
    const index = entry.deviations.indexOf(published - original);
    return index !== -1 && (entry.probabilities[index] ?? 0) > 0;
  };
  return {
    parameters: { ...parameters },
    rows,
    perturbation(value, cellKey) {
      if (value <= 0) return 0;
      const entry = rowOf(value);
      const point = Math.floor(cellKey * SCALE);
      const index = entry.thresholds.findIndex((threshold) => point < threshold);
      return entry.deviations[index === -1 ? entry.deviations.length - 1 : index] ?? 0;
    },
    possibleOriginals(published) {
      const candidates: number[] = [];
      for (let original = Math.max(published - d, 0); original <= published + d; original++)
        if (canPublish(original, published)) candidates.push(original);
      const lower = candidates[0] ?? published;
      const upper = candidates.at(-1) ?? published;
      if (candidates.length !== upper - lower + 1)
        throw new Error(`the originals of ${published} are not one range in this perturbation table`);
      return { lower, upper };
    },
    expectedAbsoluteDeviation(value) {
      const entry = rowOf(Math.max(value, 0));
      return entry.deviations.reduce(
        (total, v, index) => total + Math.abs(v) * (entry.probabilities[index] ?? 0),
        0,
      );
    },
    stayProbability(value) {
      const entry = rowOf(Math.max(value, 0));
      return entry.probabilities[entry.deviations.indexOf(0)] ?? 0;
    },
  };
}
