import { type LinearEquation, type LinearSolution, solveLinearSystem } from './linear-system.js';
import { type Rational, rational, rationalFromNumber } from './rational.js';
import type { TableLine } from './table-lines.js';

/**
 * The linear attack on a set of additivity equations: the quantities `knownValue` does not know
 * (returns `undefined` for) are the unknowns — one per distinct key — and every line is an
 * equation over them with the known quantities moved to the right-hand side. It uses no
 * bounds (non-negativity, integrality, the threshold), only the equations.
 */
export function linearAttack(
  lines: readonly TableLine[],
  knownValue: (key: string) => number | undefined,
): LinearSolution & { readonly unknowns: number } {
  const unknowns = new Set<string>();
  const equations: LinearEquation[] = [];
  for (const line of lines) {
    const coefficients = new Map<string, bigint>();
    let constant: Rational = rational(0n);
    for (const term of line.terms) {
      const value = knownValue(term.key);
      if (value === undefined) {
        unknowns.add(term.key);
        coefficients.set(term.key, (coefficients.get(term.key) ?? 0n) + BigInt(term.coefficient));
      } else {
        // Σ unknowns = −Σ known terms
        const known = rationalFromNumber(value);
        const sign = BigInt(-term.coefficient);
        constant = rational(
          constant.numerator * known.denominator + sign * known.numerator * constant.denominator,
          constant.denominator * known.denominator,
        );
      }
    }
    equations.push({ coefficients, constant });
  }
  return { ...solveLinearSystem(equations), unknowns: unknowns.size };
}
