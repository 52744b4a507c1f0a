import type { QuantitySupport } from '../report/report-model.js';
import type { MeasureRelation } from './measure-relations.js';

/** What the intruder read in a release about one quantity: that it lies between two bounds. */
export interface Observation {
  readonly support: QuantitySupport;
  /** Published exactly: `lower === upper`. Perturbed: every true value that could have given it. */
  readonly lower: number;
  readonly upper: number;
}

/**
 * How far a hidden count must stay uncertain: the intruder must not be able to rule out that it
 * is `atMost` or less, nor that it is `atLeast` or more (for a count 1 … k − 1 hidden by
 * suppression: 0 and k — "nobody" and "not a small group" both stay possible).
 */
export interface ProtectionLevel {
  readonly atMost: number;
  readonly atLeast: number;
}

/** A quantity the intruder tries to pin down, with its true value (for the defender's check). */
export interface IntruderTarget {
  /** Names the target in findings (a quantity key, qualified by its release). */
  readonly id: string;
  readonly support: QuantitySupport;
  readonly actual: number;
  /** When set, the target's feasible values must also reach this far. */
  readonly protect?: ProtectionLevel;
}

/**
 * Everything the intruder knows: every observation of every release, the identities between
 * measures, that counts are whole numbers ≥ 0, and the units of each intervention (public: the
 * catalogue names them), so units no release names apart are one unknown.
 */
export interface IntruderKnowledge {
  readonly observations: readonly Observation[];
  readonly relations: readonly MeasureRelation[];
  readonly unitsOf: (interventionId: string) => readonly string[];
}

/** A target the intruder pinned down, or whose feasible values do not reach its protection level. */
export interface IntruderFinding {
  readonly id: string;
  readonly actual: number;
  /** The smallest and largest values consistent with everything published. */
  readonly min: number;
  readonly max: number;
  /** `min === max`: the value is disclosed exactly. */
  readonly exact: boolean;
  /** Which side of the protection level fails, if any. */
  readonly failing?: 'lower' | 'upper' | 'both';
}

/** The outcome of an attack. */
export interface IntruderReport {
  /** Targets pinned down exactly or failing their protection level, in target order. */
  readonly findings: readonly IntruderFinding[];
  readonly targets: number;
  /** Unknowns and constraints after presolve, and the integer programmes solved. */
  readonly unknowns: number;
  readonly constraints: number;
  readonly solves: number;
}
